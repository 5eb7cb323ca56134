import { Module } from '@nestjs/common';
import { CouncilsModule } from '../councils.module';
import { AuditController, AuditKeyController } from './audit.controller';

/**
 * The audit routes. They ask the councils' access rules who may read a chain, so they live here, on
 * the councils' side of the arrow: councils uses the audit library, never the other way round.
 */
@Module({
  imports: [CouncilsModule],
  controllers: [AuditController, AuditKeyController],
})
export class AuditApiModule {}
