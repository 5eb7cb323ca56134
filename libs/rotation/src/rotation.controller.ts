import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { CandidateDto, CandidatePageDto, CreateCandidateDto } from './dto/candidate.dto';
import { CreateRotationPlanDto, RotationPlanDto, RotationPlanPageDto } from './dto/rotation-plan.dto';
import { RotationService } from './rotation.service';

@ApiTags('balance and rotation')
@ApiBearerAuth()
@Controller()
export class RotationController {
  constructor(private readonly rotation: RotationService) {}

  @Post('councils/:councilId/candidates')
  @ApiOperation({ summary: 'Add a person to the pool of candidates, with their attributes (secretariat, admin)' })
  @ApiCreatedResponse({ type: CandidateDto })
  addCandidate(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateCandidateDto) {
    return this.rotation.addCandidate(user, councilId, dto);
  }

  @Get('councils/:councilId/candidates')
  @ApiOperation({ summary: 'The pool of candidates (secretariat, admin)' })
  @ApiOkResponse({ type: CandidatePageDto })
  listCandidates(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.rotation.listCandidates(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Post('councils/:councilId/rotation-plans')
  @ApiOperation({ summary: 'Plan a rotation on a date: who leaves, who joins, to meet the targets with the fewest changes (secretariat, admin)' })
  @ApiCreatedResponse({ type: RotationPlanDto })
  createPlan(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateRotationPlanDto) {
    return this.rotation.createPlan(user, councilId, dto);
  }

  @Get('councils/:councilId/rotation-plans')
  @ApiOperation({ summary: "The council's rotation plans, newest first (secretariat, admin)" })
  @ApiOkResponse({ type: RotationPlanPageDto })
  listPlans(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.rotation.listPlans(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('rotation-plans/:planId')
  @ApiOperation({ summary: 'A rotation plan (secretariat, admin)' })
  @ApiOkResponse({ type: RotationPlanDto })
  getPlan(@CurrentUser() user: AuthUser, @UuidParam('planId') planId: string) {
    return this.rotation.getPlan(user, planId);
  }

  @Post('rotation-plans/:planId/apply')
  @HttpCode(200)
  @ApiOperation({ summary: 'Apply a plan: end and start terms in one transaction (secretariat, admin); 409 once applied or when stale' })
  @ApiOkResponse({ type: RotationPlanDto })
  apply(@CurrentUser() user: AuthUser, @UuidParam('planId') planId: string) {
    return this.rotation.applyPlan(user, planId);
  }
}
