export * from './proposal-states';
export * from './text-diff';
export * from './anchors';
export * from './consultation-status';
export * from './proposal-access';
export * from './trace-kinds';
