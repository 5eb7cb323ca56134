export * from './rotation.module';
export * from './rotation.errors';
