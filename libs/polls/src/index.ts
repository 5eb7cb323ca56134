export * from './polls.module';
export * from './polls.service';
export * from './minority/minority.service';
export * from './polls.errors';
export * from './polls.repository';
