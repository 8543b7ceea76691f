export * from './labels';
export * from './report.policy';
export * from './impact-report.service';
export * from './followup.module';
export * from './impact-report.csv';
export * from './calendar-feed.entity';
export * from './calendar.service';
