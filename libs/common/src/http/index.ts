export * from './uuid-param';
export * from './request-id';
export * from './deferred-body-error';
export * from './client-error';
