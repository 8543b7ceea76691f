export * from './enums';
export * from './matching-data';
export * from './suggestions.service';
export * from './allocation.service';
export * from './collaboration.module';
