import { Global, Module } from '@nestjs/common';
import { AuditCheckpointsRepository } from './audit-checkpoints.repository';
import { AuditCheckpoints } from './audit-checkpoints.service';
import { AuditRepository } from './audit.repository';
import { AuditSignerProvider } from './audit-signer';
import { AuditSequencer } from './audit-sequencer';
import { AuditQueryService } from './audit-query.service';
import { UnitOfWork } from './unit-of-work';
import { DomainEvents } from './domain-events';

/** The ground floor every writer stands on: transactions with their audit entries. */
@Global()
@Module({
  providers: [AuditRepository, AuditSequencer, AuditQueryService, UnitOfWork, AuditCheckpointsRepository, AuditCheckpoints, AuditSignerProvider, DomainEvents],
  exports: [UnitOfWork, DomainEvents, AuditSequencer, AuditQueryService, AuditCheckpoints],
})
export class AuditModule {}
