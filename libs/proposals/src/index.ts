export * from './proposals.module';
export * from './trace.service';
export * from './transitions.service';
export * from './proposal-access.service';
export * from './proposal-origins.service';
export * from './proposals.errors';
