export * from './allocate';
export { FlowNetwork } from './flow';
