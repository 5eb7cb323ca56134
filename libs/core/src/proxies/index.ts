export * from './proxy-rules';
