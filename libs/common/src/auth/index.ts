export * from './auth-user';
