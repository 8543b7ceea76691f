import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, describeUrl } from '@brobygge/config';
import { dataSourceOptions, timeoutsOf } from './data-source-options';
import { postgresUnavailable } from './service-unavailable';
import { CacheVersion } from './cache-version';

/** Provides the one TypeORM DataSource of a process. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL, {}, timeoutsOf(config)));
        try {
          await dataSource.initialize();
        } catch (e) {
          throw postgresUnavailable(describeUrl(config.DATABASE_URL), (e as Error).message);
        }
        return dataSource;
      },
    },
    CacheVersion,
  ],
  exports: [DataSource, CacheVersion],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
