import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { AuditController, AuditKeyController } from './audit.controller';

/** The audit routes; apart from AuditModule so that councils can write audit entries without a cycle. */
@Module({
  imports: [CouncilsModule],
  controllers: [AuditController, AuditKeyController],
})
export class AuditApiModule {}
