export * from './audit-entry.entity';
export * from './audit.module';
export * from './unit-of-work';
export * from './audit-sequencer';
export * from './audit-query.service';
export * from './audit-checkpoints.service';
export * from './domain-events';
export * from './audit-statements';
