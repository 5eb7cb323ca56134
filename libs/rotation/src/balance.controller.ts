import { Body, Controller, Get, Put, Query } from '@nestjs/common';
import { ApiBearerAuth, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { dateOf, monthsBefore } from '@kenes/core';
import { AuthUser, CurrentUser, limitOf, UuidParam } from '@kenes/common';
import { AtQueryDto } from '@kenes/councils';
import { BalanceDto, BalanceHistoryDto, BalanceHistoryQueryDto, BalanceTargetsDto, PutBalanceTargetsDto } from './dto/balance.dto';
import { BalanceService } from './balance.service';

@ApiTags('balance and rotation')
@ApiBearerAuth()
@Controller('councils/:councilId')
export class BalanceController {
  constructor(private readonly balance: BalanceService) {}

  @Put('balance-targets')
  @ApiOperation({ summary: "Replace the council's balance targets and seats (secretariat, admin)" })
  @ApiOkResponse({ type: BalanceTargetsDto })
  putTargets(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: PutBalanceTargetsDto) {
    return this.balance.putTargets(user, councilId, dto);
  }

  @Get('balance-targets')
  @ApiOperation({ summary: "The council's balance targets and seats" })
  @ApiOkResponse({ type: BalanceTargetsDto })
  getTargets(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string) {
    return this.balance.getTargets(user, councilId);
  }

  @Get('balance')
  @ApiOperation({ summary: 'How far the composition at a date (default today) stands from the targets' })
  @ApiOkResponse({ type: BalanceDto })
  get(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: AtQueryDto) {
    return this.balance.balance(user, councilId, q.at);
  }

  @Get('balance/history')
  @ApiOperation({ summary: 'The balance by month or quarter: when the council drifted from its targets, and how far' })
  @ApiOkResponse({ type: BalanceHistoryDto })
  history(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: BalanceHistoryQueryDto) {
    const step = q.step ?? 'month';
    const to = q.to ?? dateOf(new Date());
    return this.balance.history(user, councilId, { from: q.from ?? monthsBefore(to, step === 'month' ? 11 : 21), to, step, limit: limitOf(q), cursor: q.cursor });
  }
}

