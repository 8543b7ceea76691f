export * from './enums';
export * from './user.entity';
export * from './organization.entity';
export * from './membership.entity';
export * from './coordinator-region.entity';
export * from './invitation.entity';
export * from './viewer';
export * from './identity.policy';
export * from './password';
export * from './authentication.service';
export * from './profiles.service';
// Until apps/api/src/graphql/loaders.ts (edited in parallel) is committed with Profiles: remove then.
export { Profiles as AccountsService } from './profiles.service';
export * from './personal-data.service';
export * from './organizations.service';
export * from './invitations.service';
export * from './identity.module';
export * from './rate-limiter';
