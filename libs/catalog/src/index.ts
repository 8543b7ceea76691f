export * from './region.entity';
export * from './focus-area.entity';
export * from './taxonomy.service';
export * from './catalog.module';
