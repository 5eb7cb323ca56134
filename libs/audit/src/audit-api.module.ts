import { Module } from '@nestjs/common';
import { CouncilsModule } from '@kenes/councils/councils.module';
import { AuditController } from './audit.controller';

/** The audit routes; apart from AuditModule so that councils can write audit entries without a cycle. */
@Module({
  imports: [CouncilsModule],
  controllers: [AuditController],
})
export class AuditApiModule {}
