export * from './problem';
export * from './domain.error';
export * from './validation';
export * from './problem.filter';
