import { Global, Inject, Module, OnApplicationShutdown } from '@nestjs/common';
import { DataSource } from 'typeorm';
import { APP_CONFIG, AppConfig, describeUrl } from '@brobygge/config';
import { dataSourceOptions } from './data-source-options';
import { ServiceUnavailableError } from './service-unavailable';

/** Provides the one TypeORM DataSource of a process. */
@Global()
@Module({
  providers: [
    {
      provide: DataSource,
      inject: [APP_CONFIG],
      useFactory: async (config: AppConfig) => {
        const dataSource = new DataSource(dataSourceOptions(config.DATABASE_URL));
        try {
          await dataSource.initialize();
        } catch (e) {
          throw new ServiceUnavailableError(
            'PostgreSQL',
            describeUrl(config.DATABASE_URL),
            (e as Error).message,
            'start it with: pg_ctlcluster --skip-systemctl-redirect $(ls /etc/postgresql) main start (or set DATABASE_URL)',
          );
        }
        return dataSource;
      },
    },
  ],
  exports: [DataSource],
})
export class DatabaseModule implements OnApplicationShutdown {
  constructor(@Inject(DataSource) private readonly dataSource: DataSource) {}

  async onApplicationShutdown(): Promise<void> {
    if (this.dataSource.isInitialized) await this.dataSource.destroy();
  }
}
