export * from './session-states';
export * from './floor';
export * from './attendance';
export * from './minutes';
