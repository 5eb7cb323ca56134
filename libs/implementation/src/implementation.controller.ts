import { Body, Controller, Get, Patch, Post, Query, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import type { Response } from 'express';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import {
  CreatePlanDto,
  CreatePlanItemDto,
  CreatePlanItemUpdateDto,
  CreateReformPackageDto,
  ExportQueryDto,
  PlanDto,
  PlanSummaryPageDto,
  PlanItemDto,
  PlanItemPageDto,
  PlanItemsQueryDto,
  PlanItemHistoryPageDto,
  PlanItemUpdateDto,
  ProgressSummaryDto,
  ReformPackageDto,
  ReformPackagePageDto,
  UpdatePlanItemDto,
} from './dto/implementation.dto';
import { ImplementationService } from './implementation.service';

@ApiTags('implementation')
@ApiBearerAuth()
@Controller()
export class ImplementationController {
  constructor(private readonly implementation: ImplementationService) {}

  @Post('councils/:councilId/reform-packages')
  @ApiOperation({ summary: 'Announce a reform package (secretariat)' })
  @ApiCreatedResponse({ type: ReformPackageDto })
  createPackage(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateReformPackageDto) {
    return this.implementation.createPackage(user, councilId, dto);
  }

  @Get('councils/:councilId/reform-packages')
  @ApiOperation({ summary: "The council's reform packages" })
  @ApiOkResponse({ type: ReformPackagePageDto })
  packages(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.implementation.packages(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Post('councils/:councilId/plans')
  @ApiOperation({ summary: 'Create an implementation plan (secretariat)' })
  @ApiCreatedResponse({ type: PlanDto })
  createPlan(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreatePlanDto) {
    return this.implementation.createPlan(user, councilId, dto);
  }

  @Get('councils/:councilId/plans')
  @ApiOperation({ summary: "The council's implementation plans, oldest first, each with its items per stage" })
  @ApiOkResponse({ type: PlanSummaryPageDto })
  plans(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PageQueryDto) {
    return this.implementation.plans(user, councilId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('plans/:planId')
  @ApiOperation({ summary: 'A plan with its items and counts by stage' })
  @ApiOkResponse({ type: PlanDto })
  getPlan(@CurrentUser() user: AuthUser, @UuidParam('planId') planId: string) {
    return this.implementation.getPlan(user, planId);
  }

  @Post('plans/:planId/items')
  @ApiOperation({ summary: 'Add an item for a supported proposal (secretariat); 409 unless supported' })
  @ApiCreatedResponse({ type: PlanItemDto })
  addItem(@CurrentUser() user: AuthUser, @UuidParam('planId') planId: string, @Body() dto: CreatePlanItemDto) {
    return this.implementation.addItem(user, planId, dto);
  }

  @Patch('plan-items/:itemId')
  @ApiOperation({ summary: 'File an item under another reform package, or under none with null (secretariat); any stage, audited' })
  @ApiOkResponse({ type: PlanItemDto })
  changeItem(@CurrentUser() user: AuthUser, @UuidParam('itemId') itemId: string, @Body() dto: UpdatePlanItemDto) {
    return this.implementation.changePackage(user, itemId, dto);
  }

  @Post('plan-items/:itemId/updates')
  @ApiOperation({ summary: "Move an item's stage forward (or cancel it), with a note (the responsible agency, secretariat)" })
  @ApiCreatedResponse({ type: PlanItemUpdateDto })
  update(@CurrentUser() user: AuthUser, @UuidParam('itemId') itemId: string, @Body() dto: CreatePlanItemUpdateDto) {
    return this.implementation.update(user, itemId, dto);
  }

  @Get('plan-items/:itemId/updates')
  @ApiOperation({ summary: "An item's history, oldest first: each update's stages, note, progress and legal act" })
  @ApiOkResponse({ type: PlanItemHistoryPageDto })
  history(@CurrentUser() user: AuthUser, @UuidParam('itemId') itemId: string, @Query() q: PageQueryDto) {
    return this.implementation.history(user, itemId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('councils/:councilId/plan-items')
  @ApiOperation({ summary: 'Plan items by due date: ?overdue=true&agencyId=&reformPackageId=&stage=' })
  @ApiOkResponse({ type: PlanItemPageDto })
  items(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: PlanItemsQueryDto) {
    return this.implementation.items(user, councilId, { ...q, limit: limitOf(q) });
  }

  @Get('councils/:councilId/implementation-summary')
  @ApiOperation({ summary: 'Progress per responsible agency and per reform package: items by stage, overdue, mean progress' })
  @ApiOkResponse({ type: ProgressSummaryDto })
  summary(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string) {
    return this.implementation.summary(user, councilId);
  }

  @Get('plans/:planId/export')
  @ApiOperation({ summary: 'The plan as JSON or CSV (RFC 4180, formula-safe)' })
  @ApiOkResponse({
    description: 'The plan as JSON, or CSV with format=csv (header: id,title,proposalId,responsibleAgency,deliverable,dueOn,stage,progress,legalActRef)',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(PlanDto) } },
      'text/csv': { schema: { type: 'string' } },
    },
  })
  async export(@CurrentUser() user: AuthUser, @UuidParam('planId') planId: string, @Query() q: ExportQueryDto, @Res({ passthrough: true }) res: Response) {
    const format = q.format ?? 'json';
    const out = await this.implementation.export(user, planId, format);
    if (format === 'csv') {
      res.type('text/csv; charset=utf-8');
      res.setHeader('Content-Disposition', `attachment; filename="plan-${planId}.csv"`);
    }
    return out;
  }
}
