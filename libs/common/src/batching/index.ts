export * from './batcher';
export * from './semaphore';
export * from './single-flight';
