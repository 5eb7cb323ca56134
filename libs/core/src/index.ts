export * from './permissions';
export * from './dates';
export * from './terms';
export * from './composition';
export * from './audit-chain';
export * from './proposals';
export * from './polls';
export * from './sessions';
