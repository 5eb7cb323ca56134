import { Module } from '@nestjs/common';
import { IdentityModule } from '@kenes/identity';
import { ProposalsModule } from '@kenes/proposals';
import { ProposalFirstPaintService } from './first-paint.service';

/** The first paints of the server's page shells (apps/api/src/web/page-shells.ts): a proposal's. */
@Module({
  imports: [IdentityModule, ProposalsModule],
  providers: [ProposalFirstPaintService],
  exports: [ProposalFirstPaintService],
})
export class FirstPaintModule {}
