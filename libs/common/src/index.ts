export * from './config/environment';
export * from './config/config.module';
export * from './problem';
export * from './auth';
export * from './pagination';
export * from './http';
export * from './batching';
export * from './text';
