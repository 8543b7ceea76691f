import { Inject, MiddlewareConsumer, Module, NestModule } from '@nestjs/common';
import { APP_FILTER, APP_PIPE, HttpAdapterHost } from '@nestjs/core';
import type { Express } from 'express';
import { ApolloDriver, ApolloDriverConfig } from '@nestjs/apollo';
import { GraphQLModule } from '@nestjs/graphql';
import { TerminusModule } from '@nestjs/terminus';
import { LoggerModule } from 'nestjs-pino';
import { CollaborationModule, OutreachModule } from '@brobygge/collaboration';
import { CatalogModule } from '@brobygge/catalog';
import { FollowupModule } from '@brobygge/followup';
import { ClockModule } from '@brobygge/core';
import { IdentityModule } from '@brobygge/identity';
import { APP_CONFIG, AppConfig, ConfigModule, loggerParams } from '@brobygge/config';
import { DatabaseModule, RedisModule } from '@brobygge/database';
import { NotificationsModule } from '@brobygge/notifications';
import { QueuesDashboardModule } from './admin/queues-dashboard.module';
import { graphqlOptions } from './graphql/graphql.options';
import { LoadersFactory } from './graphql/loaders';
import { CalendarController } from './followup/calendar.controller';
import { AgreementController } from './collaboration/agreement.controller';
import { ReportCsvController } from './followup/report-csv.controller';
import { SchoolImportController } from './identity/school-import.controller';
import { HealthController } from './health/health.controller';
import { GraphqlIdeController } from './graphql/ide';
import { RESOLVERS } from './resolvers';
import { httpHardening } from './http/http-hardening';
import { MalformedRequestFilter } from './http/malformed-request.filter';
import { InputHygienePipe } from './http/input-hygiene.pipe';

@Module({
  imports: [CatalogModule, IdentityModule, CollaborationModule, OutreachModule],
  providers: [LoadersFactory],
  exports: [LoadersFactory],
})
class LoadersModule {}

@Module({
  imports: [
    ConfigModule,
    LoggerModule.forRootAsync({ inject: [APP_CONFIG], useFactory: (c: AppConfig) => loggerParams(c, 'api') }),
    ClockModule,
    DatabaseModule,
    RedisModule,
    TerminusModule,
    CatalogModule,
    NotificationsModule,
    IdentityModule,
    CollaborationModule,
    OutreachModule,
    FollowupModule,
    QueuesDashboardModule,
    GraphQLModule.forRootAsync<ApolloDriverConfig>({
      driver: ApolloDriver,
      imports: [LoadersModule, IdentityModule],
      ...graphqlOptions,
    }),
  ],
  controllers: [HealthController, ReportCsvController, CalendarController, AgreementController, SchoolImportController, GraphqlIdeController],
  providers: [...RESOLVERS, { provide: APP_PIPE, useClass: InputHygienePipe }, { provide: APP_FILTER, useClass: MalformedRequestFilter }],
})
export class AppModule implements NestModule {
  constructor(
    @Inject(APP_CONFIG) private readonly config: AppConfig,
    private readonly http: HttpAdapterHost,
  ) {}

  configure(consumer: MiddlewareConsumer): void {
    // Per-IP limits need the client's address: behind a proxy, Express must be told to trust it.
    this.http.httpAdapter.getInstance<Express>().set('trust proxy', this.config.TRUST_PROXY);
    // Helmet removes it from answers that pass through the middleware; body-parser errors come earlier.
    this.http.httpAdapter.getInstance<Express>().disable('x-powered-by');
    consumer.apply(...httpHardening(this.config)).forRoutes('*');
  }
}
