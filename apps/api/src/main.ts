// First: tracing patches http, express, graphql, pg and ioredis as they load (when on).
import './tracing';
import 'reflect-metadata';
import type { Server } from 'node:http';
import { Logger as NestLogger } from '@nestjs/common';
import { NestFactory } from '@nestjs/core';
import type { NestExpressApplication } from '@nestjs/platform-express';
import type { NextFunction, Request, Response } from 'express';
import { Logger } from 'nestjs-pino';
import { DataSource } from 'typeorm';
import { serveMetrics, stopTracing } from '@brobygge/config';
import { registerPoolMetrics, startProcess, withTimeout } from '@brobygge/database';
import { AppModule } from './app.module';

void startProcess(async (config) => {
  const app = await NestFactory.create<NestExpressApplication>(AppModule, { bufferLogs: true, abortOnError: false });
  const logger = app.get(Logger);
  app.useLogger(logger);
  // While shutting down, every response closes its connection, so that keep-alive
  // clients go elsewhere and the server can finish.
  let closing = false;
  app.use((_req: Request, res: Response, next: NextFunction) => {
    if (closing) res.setHeader('Connection', 'close');
    next();
  });
  await app.listen(config.PORT, '0.0.0.0');
  logger.log(`Brobygge API on ${config.PUBLIC_URL.replace(/\/$/, '')}/graphql`);
  registerPoolMetrics(app.get(DataSource));
  await serveMetrics(config.METRICS_PORT ?? 9464, config.METRICS_HOST, new NestLogger('Metrics'));

  /**
   * SIGTERM/SIGINT: stop accepting connections, let the requests under way finish, then
   * Nest's shutdown (Postgres, Redis), all within SHUTDOWN_TIMEOUT_MS; a timer exits after
   * that whatever happens. Not Nest's enableShutdownHooks: it has no time limit.
   */
  const timeoutMs = config.SHUTDOWN_TIMEOUT_MS;
  const log = new NestLogger('Shutdown');
  let started = false;
  const shutdown = async (signal: NodeJS.Signals) => {
    if (started) {
      log.warn({ signal }, 'second signal: exiting now');
      process.exit(1);
    }
    started = true;
    closing = true;
    const t0 = Date.now();
    const left = () => t0 + timeoutMs - Date.now();
    log.log({ signal, timeoutMs }, 'shutting down');
    setTimeout(() => {
      log.error({ ms: Date.now() - t0 }, 'shutdown did not finish within SHUTDOWN_TIMEOUT_MS; exiting');
      process.exit(1);
    }, timeoutMs).unref();

    const server = app.getHttpServer() as Server;
    // Stop accepting; the callback runs once every connection has ended.
    const drained = new Promise<void>((resolve) => server.close(() => resolve()));
    // Connections become idle when their request is answered: close them as they do.
    const idle = setInterval(() => server.closeIdleConnections(), 50);
    const finished = await withTimeout(drained, Math.max(0, left() - Math.min(2000, timeoutMs / 4))).then(
      () => true,
      () => false,
    );
    clearInterval(idle);
    if (!finished) {
      log.warn('requests still running at the end of the shutdown time: closing their connections');
      server.closeAllConnections();
    }
    const closed = await withTimeout(app.close(), Math.max(0, left() - 100)).then(
      () => true,
      () => false,
    );
    log.log({ ms: Date.now() - t0, requestsFinished: finished, closed }, 'stopped');
    await stopTracing(Math.max(0, Math.min(2000, left())));
    process.exit(0);
  };
  process.on('SIGTERM', (s) => void shutdown(s));
  process.on('SIGINT', (s) => void shutdown(s));
});
