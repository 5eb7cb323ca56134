import { Global, Module } from '@nestjs/common';
import { AuditRepository } from './audit.repository';
import { AuditSequencer } from './audit-sequencer';
import { AuditQueryService } from './audit-query.service';
import { UnitOfWork } from './unit-of-work';

/** The ground floor every writer stands on: transactions with their audit entries. */
@Global()
@Module({
  providers: [AuditRepository, AuditSequencer, AuditQueryService, UnitOfWork],
  exports: [UnitOfWork, AuditSequencer, AuditQueryService],
})
export class AuditModule {}
