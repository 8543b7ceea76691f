import { LRUCache } from 'lru-cache';
import { Inject, Injectable, Logger } from '@nestjs/common';
import { ModuleRef } from '@nestjs/core';
import { JwtService } from '@nestjs/jwt';
import { DataSource, IsNull } from 'typeorm';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { Clock, ConflictError, email as validEmail, InvalidInputError, isUuid, Locale, schoolResponded, text, UnauthenticatedError } from '@brobygge/core';
import { inTransaction } from '@brobygge/database';
import { identityQueries } from './identity.queries';
import { hashPassword, verifyPassword } from './password';
import { RateLimiter } from './rate-limiter';
import { User } from './user.entity';
import type { Actor, Viewer } from './viewer';

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

const EXPIRED = 'Your session has expired. Sign in again.';
const INVALID = 'The access token is not valid. Sign in again.';

const PASSWORD_MIN = 10;
const PASSWORD_MAX = 256;

/**
 * Who is asking: registration, sign-in and its rate limits, access tokens, the viewer behind
 * a token (cached per viewer version), and the bootstrap admin.
 */
@Injectable()
export class Authentication {
  private readonly logger = new Logger(Authentication.name);

  constructor(
    private readonly dataSource: DataSource,
    private readonly jwt: JwtService,
    private readonly limiter: RateLimiter,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly clock: Clock,
    private readonly moduleRef: ModuleRef,
  ) {}

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
    // A member of a school signing in answers the coordinators' outreach to it (issue 15).
    await schoolResponded(this.moduleRef, this.dataSource.manager, { kind: 'SIGNED_IN', userId: user.id, at: this.clock.now() });
    return { accessToken: await this.issueToken(user), user };
  }

  issueToken(user: User): Promise<string> {
    return this.jwt.signAsync({ sub: user.id }, { expiresIn: this.config.JWT_TTL_SECONDS });
  }

  /**
   * The viewer behind a bearer token. A missing token is anonymous; a bad, expired or
   * orphaned one is UNAUTHENTICATED with a message that says what to do.
   *
   * With `viewerVersion` (the person's viewer version, read after the request arrived:
   * CacheVersion.forViewer), a viewer loaded at version v is reused while the version is
   * v. Triggers change it in the same transaction as any write to the person's row,
   * memberships or coordinator regions (migration ViewerVersion), so a revoked membership or
   * an erased account is seen by the next request on every process (docs/decisions.md,
   * "The viewer cache (issue 17)"). Without it, the viewer is read from the database.
   */
  async viewerForToken(token: string | undefined, viewerVersion?: (userId: string) => Promise<string | null>): Promise<Actor> {
    if (!token) return null;
    const sub = await this.subject(token);
    const version = viewerVersion ? await viewerVersion(sub) : null;
    const cached = version === null ? undefined : this.viewers.get(sub);
    if (cached && cached.version === version) return cached.viewer;
    const viewer = await this.loadViewer(sub);
    if (!viewer) throw new UnauthenticatedError('This account no longer exists.');
    // Loaded after the version was read: at worst newer than v, never older.
    if (version !== null) this.viewers.set(sub, { version, viewer });
    return viewer;
  }

  /**
   * Whom a token names. A token string verified once verifies the same way again (same
   * secret, same signature), so a known one only has its expiry checked: the signature
   * check was about a tenth of a signed-in request's CPU (docs/decisions.md, "The viewer
   * cache (issue 17)").
   */
  private async subject(token: string): Promise<string> {
    const known = this.tokens.get(token);
    if (known) {
      if (known.exp !== undefined && Math.floor(Date.now() / 1000) >= known.exp) {
        this.tokens.delete(token);
        throw new UnauthenticatedError(EXPIRED);
      }
      return known.sub;
    }
    let payload: { sub?: unknown; exp?: number };
    try {
      payload = await this.jwt.verifyAsync<{ sub?: unknown; exp?: number }>(token);
    } catch (e) {
      throw new UnauthenticatedError((e as Error).name === 'TokenExpiredError' ? EXPIRED : INVALID);
    }
    if (typeof payload.sub !== 'string' || !isUuid(payload.sub)) throw new UnauthenticatedError(INVALID);
    this.tokens.set(token, { sub: payload.sub, exp: payload.exp });
    return payload.sub;
  }

  /** Tokens verified in this process: whom they name and until when (seconds). */
  private readonly tokens = new LRUCache<string, { sub: string; exp?: number }>({ max: 10_000 });

  /** Viewers by user id with the viewer version they were loaded at (per process). */
  private readonly viewers = new LRUCache<string, { version: string; viewer: Viewer }>({ max: 10_000 });

  /** One query: the user with their memberships and coordinator regions. */
  async loadViewer(userId: string): Promise<Viewer | null> {
    const rows = await identityQueries.viewerRows(this.dataSource, userId);
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

  /** Creates the first ADMIN once, however many processes start at the same moment. */
  async ensureBootstrapAdmin(): Promise<void> {
    const email = this.config.BOOTSTRAP_ADMIN_EMAIL.trim().toLowerCase();
    const passwordHash = await hashPassword(this.config.BOOTSTRAP_ADMIN_PASSWORD);
    const created = await inTransaction(this.dataSource, async (m) => {
      await identityQueries.lockBootstrapAdmin(m);
      const existing = await m.getRepository(User).findOneBy({ email });
      if (existing) return false;
      await m.getRepository(User).insert({ email, name: 'Administrator', passwordHash, isAdmin: true, locale: 'en' });
      return true;
    });
    if (created) this.logger.log({ email }, 'bootstrap admin created');
  }
}
