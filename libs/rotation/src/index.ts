export * from './rotation.module';
