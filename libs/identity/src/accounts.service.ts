import { LRUCache } from 'lru-cache';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { JwtService } from '@nestjs/jwt';
import { DataSource, EntityManager, In, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import {
  ConflictError,
  email as validEmail,
  InvalidInputError,
  Locale,
  PersonalDataContributor,
  PersonalDataRegistry,
  PersonRef,
  text,
  UnauthenticatedError,
} from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { CoordinatorRegion } from './coordinator-region.entity';
import { DigestFrequency, MembershipRole } from './enums';
import { Invitation } from './invitation.entity';
import { Membership } from './membership.entity';
import { Organization } from './organization.entity';
import { hashPassword, verifyPassword } from './password';
import { RateLimiter } from './rate-limiter';
import { User } from './user.entity';
import type { Actor, Viewer } from './viewer';
import { IdentityPolicy } from './identity.policy';

export interface RegisterData {
  email: string;
  password: string;
  name: string;
  locale?: Locale | null;
}

export interface AuthResult {
  accessToken: string;
  user: User;
}

const PASSWORD_MIN = 10;
/** The sections of exportMyData that identity writes itself. */
const IDENTITY_SECTIONS = ['exportedAt', 'profile', 'memberships', 'coordinatorRegions', 'organizationsCreated', 'invitationsSent', 'invitationsReceived'];
const PASSWORD_MAX = 256;

/**
 * Accounts: registration, sign-in, tokens, profile, and the GDPR rights. The other
 * contexts add their part of exportMyData and deleteMyAccount from their own modules
 * (`registerPersonalData` in libs/core; this service is the PERSONAL_DATA registry).
 */
@Injectable()
export class AccountsService implements PersonalDataRegistry {
  private readonly logger = new Logger(AccountsService.name);
  private readonly contributors: Array<{ section: string; contributor: PersonalDataContributor }> = [];

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  addPersonalDataContributor(section: string, contributor: PersonalDataContributor): void {
    if (IDENTITY_SECTIONS.includes(section) || this.contributors.some((c) => c.section === section)) {
      throw new Error(`exportMyData already has a section "${section}"`);
    }
    this.contributors.push({ section, contributor });
  }

  private async throttleRegister(ip: string, email: string): Promise<void> {
    const limit = this.config.RATE_LIMIT_LOGIN_PER_MINUTE;
    await this.limiter.hit('register:ip', ip, limit);
    await this.limiter.hit('register:email', email, limit);
  }

  /**
   * Sign-in. Every attempt counts per IP against a generous limit (each one costs an argon2
   * check). *Failed* attempts count per IP and per address from that IP: they are counted
   * before the password is checked (so parallel guesses cannot slip past) and given back
   * when the password was right. Per address from anywhere, what counts is how many
   * *different* IPs failed in the hour: one guesser cannot lock the owner out, many can.
   */
  private loginLimits(ip: string, email: string) {
    const limit = this.config.RATE_LIMIT_LOGIN_PER_MINUTE;
    return {
      attempts: ['login:ip', ip, limit * 6, 60] as const,
      failedIp: ['login-failed:ip', ip, limit, 60] as const,
      failedIpEmail: ['login-failed:ip-email', `${ip}|${email}`, limit, 60] as const,
      failingIps: ['login-failed:email-ips', email, limit * 2, 3600] as const,
    };
  }

  private validPassword(password: string): string {
    if (password.length < PASSWORD_MIN) {
      throw new InvalidInputError('input.password', `The password must be at least ${PASSWORD_MIN} characters.`);
    }
    if (password.length > PASSWORD_MAX) {
      throw new InvalidInputError('input.password', `The password must be at most ${PASSWORD_MAX} characters.`);
    }
    return password;
  }

  async register(data: RegisterData, ip: string, fallbackLocale: Locale): Promise<AuthResult> {
    const email = validEmail('input.email', data.email);
    await this.throttleRegister(ip, email);
    const name = text('input.name', data.name, { max: 200 });
    const password = this.validPassword(data.password);
    const passwordHash = await hashPassword(password);
    const repo = this.dataSource.getRepository(User);
    try {
      const user = await repo.save(repo.create({ email, name, passwordHash, locale: data.locale ?? fallbackLocale }));
      return { accessToken: await this.issueToken(user), user };
    } catch (e) {
      if ((e as { code?: string }).code === '23505') {
        throw new ConflictError('An account with this e-mail address already exists. Sign in instead.');
      }
      throw e;
    }
  }

  async login(emailInput: string, password: string, ip: string): Promise<AuthResult> {
    const email = emailInput.trim().toLowerCase();
    const l = this.loginLimits(ip, email);
    await this.limiter.hit(...l.attempts);
    await this.limiter.checkDistinct(l.failingIps[0], l.failingIps[1], l.failingIps[2]);
    await this.limiter.hit(...l.failedIp);
    await this.limiter.hit(...l.failedIpEmail);
    const user = await this.dataSource.getRepository(User).findOneBy({ email, deletedAt: IsNull() });
    const ok = await verifyPassword(user?.passwordHash ?? null, password);
    if (!user || !ok) {
      await this.limiter.addDistinct(l.failingIps[0], l.failingIps[1], ip, l.failingIps[3]);
      throw new UnauthenticatedError('Wrong e-mail or password.');
    }
    await this.limiter.refund(l.failedIp[0], l.failedIp[1]);
    await this.limiter.reset(l.failedIpEmail[0], l.failedIpEmail[1]);
    return { accessToken: await this.issueToken(user), user };
  }

  issueToken(user: User): Promise<string> {
    return this.jwt.signAsync({ sub: user.id }, { expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /**
   * The viewer behind a bearer token. A missing token is anonymous; a bad, expired or
   * orphaned one is UNAUTHENTICATED with a message that says what to do.
   */
  async viewerForToken(token: string | undefined, cacheVersion?: string): Promise<Actor> {
    if (!token) return null;
    let sub: string;
    try {
      sub = (await this.jwt.verifyAsync<{ sub: string }>(token)).sub;
    } catch (e) {
      const expired = (e as Error).name === 'TokenExpiredError';
      throw new UnauthenticatedError(
        expired ? 'Your session has expired. Sign in again.' : 'The access token is not valid. Sign in again.',
      );
    }
    // A viewer read at cache version v is reused while the version is v: any change to
    // users, memberships or coordinator regions changes it (migration CacheVersion).
    const cached = cacheVersion === undefined ? undefined : this.viewers.get(sub);
    if (cached && cached.version === cacheVersion) return cached.viewer;
    const viewer = await this.loadViewer(sub);
    if (!viewer) throw new UnauthenticatedError('This account no longer exists.');
    if (cacheVersion !== undefined) this.viewers.set(sub, { version: cacheVersion, viewer });
    return viewer;
  }

  private readonly viewers = new LRUCache<string, { version: string; viewer: Viewer }>({ max: 10_000 });

  /** One query: the user with their memberships and coordinator regions. */
  async loadViewer(userId: string): Promise<Viewer | null> {
    const rows: Array<{ id: string; email: string; name: string; locale: Viewer['locale']; is_admin: boolean; orgs: string[] | null; roles: MembershipRole[] | null; regions: string[] | null }> =
      await this.dataSource.query(
        `SELECT u.id, u.email, u.name, u.locale, u.is_admin,
                (SELECT array_agg(m.organization_id::text ORDER BY m.organization_id) FROM membership m WHERE m.user_id = u.id) AS orgs,
                (SELECT array_agg(m.role ORDER BY m.organization_id) FROM membership m WHERE m.user_id = u.id) AS roles,
                (SELECT array_agg(c.region_code ORDER BY c.region_code) FROM coordinator_region c WHERE c.user_id = u.id) AS regions
           FROM app_user u WHERE u.id = $1 AND u.deleted_at IS NULL AND u.email IS NOT NULL`,
        [userId],
      );
    const row = rows[0];
    if (!row) return null;
    return {
      id: row.id,
      email: row.email,
      name: row.name,
      locale: row.locale,
      isAdmin: row.is_admin,
      coordinatorRegions: row.regions ?? [],
      memberships: new Map((row.orgs ?? []).map((org, i) => [org, row.roles![i]])),
    };
  }

  membershipsOfUsers(userIds: readonly string[]): Promise<Membership[]> {
    return this.dataSource.getRepository(Membership).find({ where: { userId: In([...userIds]) }, order: { createdAt: 'ASC' } });
  }

  coordinatorRegionsOfUsers(userIds: readonly string[]): Promise<CoordinatorRegion[]> {
    return this.dataSource.getRepository(CoordinatorRegion).find({ where: { userId: In([...userIds]) }, order: { regionCode: 'ASC' } });
  }

  async user(id: string): Promise<User | null> {
    return this.dataSource.getRepository(User).findOneBy({ id });
  }

  async updateProfile(actor: Actor, data: { name?: string | null; locale?: Locale | null }): Promise<User> {
    const viewer = IdentityPolicy.signedIn(actor);
    const patch: Partial<User> = {};
    if (data.name !== undefined && data.name !== null) patch.name = text('input.name', data.name, { max: 200 });
    if (data.locale) patch.locale = data.locale;
    if (Object.keys(patch).length) await this.dataSource.getRepository(User).update({ id: viewer.id }, patch);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
  }

  /** E-mail on or off (the in-app notification is written either way) and the digest frequency. */
  async updateNotificationPreferences(actor: Actor, data: { email?: boolean | null; digest?: DigestFrequency | null }): Promise<User> {
    const viewer = IdentityPolicy.signedIn(actor);
    const patch: Partial<User> = {};
    if (data.email !== undefined && data.email !== null) patch.emailNotifications = data.email;
    if (data.digest) patch.digest = data.digest;
    if (Object.keys(patch).length) await this.dataSource.getRepository(User).update({ id: viewer.id }, patch);
    return this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
  }

  /** Creates the first ADMIN once, however many processes start at the same moment. */
  async ensureBootstrapAdmin(): Promise<void> {
    const email = this.config.BOOTSTRAP_ADMIN_EMAIL.trim().toLowerCase();
    const passwordHash = await hashPassword(this.config.BOOTSTRAP_ADMIN_PASSWORD);
    const created = await inTransaction(this.dataSource, async (m) => {
      await m.query(`SELECT pg_advisory_xact_lock(hashtext('brobygge:bootstrap-admin'))`);
      const existing = await m.getRepository(User).findOneBy({ email });
      if (existing) return false;
      await m.getRepository(User).insert({ email, name: 'Administrator', passwordHash, isAdmin: true, locale: 'en' });
      return true;
    });
    if (created) this.logger.log({ email }, 'bootstrap admin created');
  }

  /** GDPR: everything stored about the caller, as one JSON document. */
  async exportMyData(actor: Actor): Promise<string> {
    const viewer = IdentityPolicy.signedIn(actor);
    return inTransaction(
      this.dataSource,
      async (m) => {
        const user = await m.getRepository(User).findOneByOrFail({ id: viewer.id });
        const { passwordHash, ...profile } = user;
        const memberships = await m
          .getRepository(Membership)
          .createQueryBuilder('ms')
          .innerJoin(Organization, 'o', 'o.id = ms.organization_id')
          .select(['ms.role AS role', 'ms.created_at AS "joinedAt"', 'o.id AS "organizationId"', 'o.name AS "organizationName"'])
          .where('ms.user_id = :id', { id: viewer.id })
          .getRawMany();
        const person: PersonRef = { id: user.id, email: user.email, name: user.name };
        const extra: Record<string, unknown> = {};
        for (const { section, contributor } of this.contributors) extra[section] = await contributor.export(m, person);
        return JSON.stringify(
          {
            exportedAt: new Date().toISOString(),
            profile: { ...profile, password: passwordHash ? 'set (stored only as an argon2id hash)' : 'none' },
            memberships,
            coordinatorRegions: (await m.getRepository(CoordinatorRegion).findBy({ userId: viewer.id })).map((r) => ({
              regionCode: r.regionCode,
              grantedAt: r.createdAt,
            })),
            organizationsCreated: await m.getRepository(Organization).find({
              where: { createdById: viewer.id },
              select: { id: true, name: true, createdAt: true },
            }),
            invitationsSent: await m.getRepository(Invitation).find({
              where: { invitedById: viewer.id },
              select: { id: true, organizationId: true, email: true, role: true, createdAt: true, expiresAt: true, acceptedAt: true },
              order: { createdAt: 'ASC' },
            }),
            invitationsReceived: await m.getRepository(Invitation).find({
              where: [{ email: viewer.email }, { acceptedById: viewer.id }],
              select: { id: true, organizationId: true, role: true, createdAt: true, acceptedAt: true, expiresAt: true },
              order: { createdAt: 'ASC' },
            }),
            ...extra,
          },
          null,
          2,
        );
      },
      'REPEATABLE READ',
    );
  }

  /**
   * GDPR erasure: name, e-mail and password go; the row stays as an anonymous actor so the
   * organisations' records (matches, history, feedback) keep their integrity. Every
   * context erases its part in the same transaction (docs/decisions.md, "Identity").
   */
  async deleteMyAccount(actor: Actor, password: string): Promise<boolean> {
    const viewer = IdentityPolicy.signedIn(actor);
    const user = await this.dataSource.getRepository(User).findOneByOrFail({ id: viewer.id });
    if (!(await verifyPassword(user.passwordHash, password))) {
      throw new InvalidInputError('password', 'The password is not correct.');
    }
    await inTransaction(this.dataSource, async (m) => {
      const locked = await m.getRepository(User).findOne({ where: { id: viewer.id }, lock: { mode: 'pessimistic_write' } });
      if (!locked || locked.deletedAt) throw new ConflictError('This account has already been deleted.');
      const person: PersonRef = { id: locked.id, email: locked.email, name: locked.name };
      // The other contexts first: they may still look at identity's rows (e.g. memberships).
      for (const { contributor } of this.contributors) await contributor.erase(m, person);
      await this.eraseInviterName(m, viewer.id);
      await m.getRepository(User).update(
        { id: viewer.id },
        { email: null, name: 'Deleted user', passwordHash: null, deletedAt: new Date(), emailNotifications: false, isAdmin: false },
      );
      await m.getRepository(Membership).delete({ userId: viewer.id });
      await m.getRepository(CoordinatorRegion).delete({ userId: viewer.id });
      await m.getRepository(Organization).update({ createdById: viewer.id }, { createdById: null });
      await m.getRepository(Invitation).update({ invitedById: viewer.id }, { invitedById: null });
      await m.getRepository(Invitation).update({ acceptedById: viewer.id }, { acceptedById: null });
      await m.getRepository(Invitation).update({ email: viewer.email }, { email: null });
    });
    this.logger.log({ userId: viewer.id }, 'account deleted');
    return true;
  }

  /**
   * The invitation e-mails this person sent name them (`inviterName`, written by
   * InvitationsService): the name leaves those outbox rows; an e-mail still pending then
   * says "You have been invited" without a name. Rows written before invitations carried
   * their `invitationId` are found by the transaction time they share with the invitation.
   */
  private async eraseInviterName(m: EntityManager, userId: string): Promise<void> {
    await m.query(
      `UPDATE outbox_message o SET payload = o.payload - 'inviterName'
         FROM invitation i
        WHERE i.invited_by_id = $1 AND o.type = 'invitation' AND o.payload->>'inviterName' IS NOT NULL
          AND (o.payload->>'invitationId' = i.id::text
               OR (o.payload->>'invitationId' IS NULL AND o.created_at = i.created_at AND o.recipient_email IS NOT DISTINCT FROM i.email))`,
      [userId],
    );
  }

  /** Roles as the API shows them. */
  static roles(user: { isAdmin: boolean }, coordinatorRegions: string[]): Array<'ADMIN' | 'COORDINATOR'> {
    return [...(user.isAdmin ? (['ADMIN'] as const) : []), ...(coordinatorRegions.length ? (['COORDINATOR'] as const) : [])];
  }
}

