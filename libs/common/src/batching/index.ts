export * from './batcher';
export * from './semaphore';
