export * from './unsafe-text';
export * from './unsafe-text.guard';
