export * from './data-source-options';
export * from './database.module';
export * from './snake-naming.strategy';
export * from './transaction';
export * from './service-unavailable';
export * from './redis';
export * from './preflight';
export * from './cache-version';
