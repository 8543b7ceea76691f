/**
 * The identity context's public surface: people, organisations, memberships, invitations,
 * sign-in and the access policy — what the API app, the other contexts, scripts and tests use.
 */
export { IdentityModule } from './identity.module';
export { Authentication } from './authentication.service';
export { Profiles } from './profiles.service';
export { PersonalData } from './personal-data.service';
export { OrganizationsService } from './organizations.service';
export { OrganizationProfiles } from './organization-profiles.service';
export { InvitationsService, hashToken } from './invitations.service';
export { RateLimiter } from './rate-limiter';
/** The school register import (REST `POST /imports/schools`, the demo seed, the benches). */
export { SchoolRegister } from './school-register';
export type { SchoolImportResult } from './school-register';
export { SCHOOL_REGISTER_LIMITS } from './school-register-csv';
export type { SchoolImportError } from './school-register-csv';
export { IdentityPolicy } from './identity.policy';
export { DigestFrequency, MembershipRole, OrganizationKind, PlatformRole, SchoolLevel } from './enums';
export type { Actor, Viewer } from './viewer';
/** For fixtures (the demo seed, test factories): a password hash as sign-in checks it. */
export { hashPassword } from './password';
/** Identity's write of app_user.last_digest_at for the collaboration context's digest sweep. */
export { claimDueDigests } from './digest-subscribers';
export type { DueDigest } from './digest-subscribers';

/*
 * Entities, exported because they are genuinely used outside: the API's GraphQL types and
 * DataLoaders resolve User, Organization, Membership and CoordinatorRegion rows as parents;
 * the impact report (libs/followup) lists Organization rows (schools without activity);
 * the demo seed and the test factories write them as fixtures, and tests read and write
 * Invitation rows (with hashToken). No other context writes them.
 */
export { User } from './user.entity';
export { Organization } from './organization.entity';
export type { ContactPerson } from './organization.entity';
export { Membership } from './membership.entity';
export { CoordinatorRegion } from './coordinator-region.entity';
export { Invitation } from './invitation.entity';
