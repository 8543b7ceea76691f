import 'reflect-metadata';
import { NestFactory } from '@nestjs/core';
import { Logger } from 'nestjs-pino';
import { startProcess } from '@brobygge/database';
import { AppModule } from './app.module';

void startProcess(async (config) => {
  const app = await NestFactory.create(AppModule, { bufferLogs: true, abortOnError: false });
  app.useLogger(app.get(Logger));
  app.enableShutdownHooks();
  await app.listen(config.PORT, '0.0.0.0');
  app.get(Logger).log(`Brobygge API on ${config.PUBLIC_URL.replace(/\/$/, '')}/graphql`);
});
