export * from './errors';
export * from './clock';
export * from './locale';
export * from './validation';
export * from './clock.module';
export * from './pagination';
export * from './viewer';
export * from './ids';
