export * from './uuid-param';
