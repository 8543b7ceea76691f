/**
 * Matching: plain functions over plain data — no Nest, no ORM, no I/O — so that the rules
 * can be read, tested and reused on their own.
 */
export * from './facts';
export * from './eligibility';
export * from './score';
export * from './rank';
export * from './allocate';
export { MESSAGES } from './messages';
export { FlowNetwork } from './flow';
