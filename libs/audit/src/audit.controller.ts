import { Controller, Get, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, UuidParam } from '@kenes/common';
import { AccessService } from '@kenes/councils/access/access.service';
import { AuditQueryService } from './audit-query.service';
import { AuditPageDto, AuditQueryDto, AuditVerificationDto } from './dto/audit.dto';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('councils/:councilId/audit')
export class AuditController {
  constructor(
    private readonly access: AccessService,
    private readonly audit: AuditQueryService,
  ) {}

  @Get()
  @ApiOperation({ summary: "The council's audit chain, in chain order" })
  @ApiOkResponse({ type: AuditPageDto })
  async list(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: AuditQueryDto) {
    await this.access.requireCouncil(user, councilId, 'audit.read');
    return this.audit.list(councilId, { after: q.after, cursor: q.cursor, limit: limitOf(q) });
  }

  @Get('verify')
  @ApiOperation({ summary: 'Recompute the chain and name the first entry that does not verify' })
  @ApiOkResponse({ type: AuditVerificationDto })
  async verify(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string) {
    await this.access.requireCouncil(user, councilId, 'audit.read');
    return this.audit.verify(councilId);
  }
}
