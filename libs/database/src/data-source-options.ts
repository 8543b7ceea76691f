import { join } from 'node:path';
import { DataSourceOptions } from 'typeorm';
import { SnakeNamingStrategy } from './snake-naming.strategy';

/** The repository root, whether we run from sources (ts) or from dist (js). */
const root = join(__dirname, '..', '..', '..');
const ext = __filename.endsWith('.ts') ? 'ts' : 'js';

/**
 * The one set of DataSource options, shared by the app, the worker, the migration CLI
 * and the tests. Entities live in their contexts (`libs/<context>/src/**\/*.entity.ts`).
 * Never `synchronize`: the schema changes only through migrations.
 */
export function dataSourceOptions(url: string, extra: Partial<DataSourceOptions> = {}): DataSourceOptions {
  return {
    type: 'postgres',
    url,
    entities: [join(root, `libs/*/src/**/*.entity.${ext}`)],
    migrations: [join(root, `libs/database/src/migrations/*.${ext}`)],
    migrationsTableName: 'migrations',
    namingStrategy: new SnakeNamingStrategy(),
    synchronize: false,
    migrationsRun: false,
    extra: { max: 20, application_name: 'brobygge' },
    ...extra,
  } as DataSourceOptions;
}
