export * from './enums';
export * from './matching-data';
export * from './suggestions.service';
export * from './allocation.service';
export * from './collaboration.module';
export * from './match.entity';
export * from './match.policy';
export * from './match-notifications';
export * from './match-reads';
export * from './match-lifecycle';
export * from './match-sweeps';
export { OPEN_PAIR_INDEX } from './match-records';
export * from './digest.service';
export * from './feedback.entity';
export * from './feedback.service';
export * from './lapsing.service';
/** @deprecated The reads' name before the split (issue 14); kept until apps/api/src/graphql/loaders.ts, which is being edited elsewhere, uses MatchReads on main. */
export { MatchReads as MatchesService } from './match-reads';
