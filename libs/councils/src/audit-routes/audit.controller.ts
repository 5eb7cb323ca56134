import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { Throttle } from '@nestjs/throttler';
import { AuthUser, CurrentUser, limitOf, notFound, PageQueryDto, Public, unauthenticated, UuidParam } from '@kenes/common';
import { AuditCheckpoints, AuditQueryService } from '@kenes/audit';
import { AccessService } from '../access/access.service';
import { CouncilsRepository } from '../councils.repository';
import {
  AuditPageDto,
  AuditPublicKeyDto,
  AuditQueryDto,
  AuditVerificationDto,
  CheckpointPageDto,
  CheckpointVerificationDto,
  VerifyCheckpointDto,
} from '@kenes/audit';

@ApiTags('audit')
@ApiBearerAuth()
@Controller('councils/:councilId/audit')
export class AuditController {
  constructor(
    private readonly access: AccessService,
    private readonly councils: CouncilsRepository,
    private readonly audit: AuditQueryService,
    private readonly checkpoints: AuditCheckpoints,
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

  @Public()
  @Get('checkpoints')
  @ApiOperation({ summary: "Signed checkpoints of the chain's head, newest first (anyone when the council publishes open data)" })
  @ApiOkResponse({ type: CheckpointPageDto })
  async listCheckpoints(@CurrentUser() user: AuthUser | undefined, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    await this.requireCheckpointReader(user, councilId);
    return this.checkpoints.list(councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Public()
  @Post('verify-checkpoint')
  // Each check recomputes the chain from its start: 30 a minute per caller (per address when anonymous).
  @Throttle({ default: { limit: 30, ttl: 60_000 } })
  @HttpCode(200)
  @ApiOperation({ summary: 'Whether a checkpoint kept outside the database is genuine and its entry still stands in the chain' })
  @ApiOkResponse({ type: CheckpointVerificationDto })
  async verifyCheckpoint(@CurrentUser() user: AuthUser | undefined, @UuidParam('councilId') councilId: string, @Body() dto: VerifyCheckpointDto) {
    await this.requireCheckpointReader(user, councilId);
    return this.checkpoints.verify(councilId, dto);
  }

  /** Anyone when the council publishes open data; otherwise its secretariat and the admin (401 → 404 → 403). */
  private async requireCheckpointReader(user: AuthUser | undefined, councilId: string): Promise<void> {
    const council = await this.councils.findById(councilId);
    if (council?.publishOpenData) return;
    if (!user) throw unauthenticated();
    if (!council) throw notFound('Council');
    await this.access.requireCouncil(user, councilId, 'audit.read');
  }
}

@ApiTags('audit')
@Controller('audit')
export class AuditKeyController {
  constructor(private readonly checkpoints: AuditCheckpoints) {}

  @Public()
  @Get('public-key')
  @ApiOperation({ summary: 'The Ed25519 public key that verifies audit checkpoints' })
  @ApiOkResponse({ type: AuditPublicKeyDto })
  publicKey(): AuditPublicKeyDto {
    return { algorithm: 'Ed25519', publicKey: this.checkpoints.publicKey };
  }
}
