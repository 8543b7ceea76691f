import { Inject, Injectable, Module, OnApplicationShutdown, OnModuleInit } from '@nestjs/common';
import { HttpAdapterHost } from '@nestjs/core';
import { createBullBoard } from '@bull-board/api';
import { BullMQAdapter } from '@bull-board/api/bullMQAdapter';
import { ExpressAdapter } from '@bull-board/express';
import { ConnectionOptions, Queue } from 'bullmq';
import type { NextFunction, Request, Response, Router } from 'express';
import { APP_CONFIG, AppConfig } from '@brobygge/config';
import { DomainError, ForbiddenError, UnauthenticatedError } from '@brobygge/core';
import { redisOptions } from '@brobygge/database';
import { Authentication, IdentityModule } from '@brobygge/identity';
import { QueueName } from '@brobygge/notifications';
import { bearerToken } from '../graphql/context';
import { sendDomainError } from '../http/domain-error.filter';

export const QUEUES_PATH = '/admin/queues';

/** The token of a dashboard request: the Authorization header, or the `brobygge_token` cookie (for browsers). */
function tokenOf(req: Request): string | undefined {
  const header = bearerToken(req);
  if (header) return header;
  const cookie = (req.headers.cookie ?? '')
    .split(';')
    .map((c) => c.trim())
    .find((c) => c.startsWith('brobygge_token='));
  return cookie ? decodeURIComponent(cookie.slice('brobygge_token='.length)) : undefined;
}

/**
 * bull-board at /admin/queues, for admins only: the queues, their jobs, failures and
 * retries. The queues are opened on the first admin's visit, so the API does not hold
 * Redis connections for a page nobody looks at.
 */
@Injectable()
class QueuesDashboard implements OnModuleInit, OnApplicationShutdown {
  private router?: Router;
  private queues: Queue[] = [];

  constructor(
    private readonly http: HttpAdapterHost,
    private readonly authentication: Authentication,
    @Inject(APP_CONFIG) private readonly config: AppConfig,
  ) {}

  onModuleInit(): void {
    const app = this.http.httpAdapter?.getInstance?.();
    if (!app) return;
    app.use(QUEUES_PATH, (req: Request, res: Response, next: NextFunction) => void this.handle(req, res, next));
  }

  async onApplicationShutdown(): Promise<void> {
    await Promise.all(this.queues.map((q) => q.close()));
  }

  private async handle(req: Request, res: Response, next: NextFunction): Promise<void> {
    try {
      const viewer = await this.authentication.viewerForToken(tokenOf(req));
      if (!viewer) {
        sendDomainError(res, new UnauthenticatedError('Sign in as an admin: send Authorization: Bearer <token> (or the brobygge_token cookie).'));
        return;
      }
      if (!viewer.isAdmin) {
        sendDomainError(res, new ForbiddenError('Only admins see the queues.'));
        return;
      }
    } catch (e) {
      if (e instanceof DomainError) {
        sendDomainError(res, e);
        return;
      }
      next(e);
      return;
    }
    this.board()(req, res, next);
  }

  private board(): Router {
    if (!this.router) {
      const serverAdapter = new ExpressAdapter();
      serverAdapter.setBasePath(QUEUES_PATH);
      this.queues = Object.values(QueueName).map(
        (name) => new Queue(name, { connection: redisOptions(this.config) as ConnectionOptions, prefix: this.config.REDIS_PREFIX }),
      );
      for (const q of this.queues) q.on('error', () => undefined); // the page shows what it can; the API stays up
      createBullBoard({ queues: this.queues.map((q) => new BullMQAdapter(q)), serverAdapter });
      this.router = serverAdapter.getRouter() as Router;
    }
    return this.router;
  }
}

@Module({ imports: [IdentityModule], providers: [QueuesDashboard] })
export class QueuesDashboardModule {}
