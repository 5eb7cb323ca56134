export * from './tally-rule';
export * from './tally';
export * from './explain';
export * from './shuffle';
