import { Body, Controller, Get, Headers, HttpCode, Post, Query, Res } from '@nestjs/common';
import type { Response } from 'express';
import { pickLanguage } from '@kenes/core';
import { MinutesQueryDto } from './dto/session.dto';
import { MinutesService } from './minutes.service';
import { ApiBearerAuth, ApiCreatedResponse, ApiExtraModels, ApiOkResponse, ApiOperation, ApiTags, getSchemaPath } from '@nestjs/swagger';
import { MinutesDto } from './dto/minutes.dto';
import { AuthUser, CurrentUser, limitOf, Public, UuidParam } from '@kenes/common';
import { CreatePollDto, PollDto, TallyQueryDto } from '@kenes/polls';
import { AgendaItemDto, CreateAgendaItemDto, CreateSessionDto, DecisionDto, DecisionResultDto, EventsQueryDto, SessionDto, SessionEventPageDto, SessionListQueryDto, SessionSummaryPageDto } from './dto/session.dto';
import { SessionAgendaService } from './session-agenda.service';
import { SessionCommandsService } from './session-commands.service';
import { SessionPollsService } from './session-polls.service';
import { SessionsService } from './sessions.service';

@ApiTags('sessions')
@ApiBearerAuth()
@Controller()
export class SessionsController {
  constructor(
    private readonly sessions: SessionsService,
    private readonly agenda: SessionAgendaService,
    private readonly sessionPolls: SessionPollsService,
    private readonly commands: SessionCommandsService,
    private readonly minutesService: MinutesService,
  ) {}

  @Public()
  @Get('sessions/:sessionId/minutes')
  @ApiOperation({ summary: 'Minutes generated from the event log: ?format=md|json, ?lang=en|ru|kk (the council; anyone if public)' })
  @ApiExtraModels(MinutesDto)
  @ApiOkResponse({
    description: 'JSON minutes, or Markdown with format=md',
    content: {
      'application/json': { schema: { $ref: getSchemaPath(MinutesDto) } },
      'text/markdown': { schema: { type: 'string' } },
    },
  })
  async minutes(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('sessionId') sessionId: string,
    @Query() q: MinutesQueryDto,
    @Headers('accept-language') al: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const lang = pickLanguage(q.lang, al);
    if (q.format === 'md') {
      res.type('text/markdown; charset=utf-8');
      return this.minutesService.markdown(user ?? null, sessionId, lang);
    }
    return this.minutesService.minutes(user ?? null, sessionId, lang);
  }

  @Post('councils/:councilId/sessions')
  @ApiOperation({ summary: 'Schedule a sitting, plenary or of a working group (moderator, chair)' })
  @ApiCreatedResponse({ type: SessionDto })
  create(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Body() dto: CreateSessionDto) {
    return this.sessions.create(user, councilId, dto);
  }

  @Get('councils/:councilId/sessions')
  @ApiOperation({ summary: "The council's sittings by scheduledAt: ?status=, ?from=, ?to= (the council; observers see the public ones)" })
  @ApiOkResponse({ type: SessionSummaryPageDto })
  list(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: SessionListQueryDto) {
    return this.sessions.list(user, councilId, { status: q.status, from: q.from, to: q.to, limit: limitOf(q), cursor: q.cursor });
  }

  @Post('sessions/:sessionId/agenda-items')
  @ApiOperation({ summary: 'Add an agenda item; its proposal (recommended or deferred) moves to on_agenda (moderator)' })
  @ApiCreatedResponse({ type: AgendaItemDto })
  addItem(@CurrentUser() user: AuthUser, @UuidParam('sessionId') sessionId: string, @Body() dto: CreateAgendaItemDto) {
    return this.agenda.addItem(user, sessionId, dto);
  }

  @Public()
  @Get('sessions/:sessionId')
  @ApiOperation({ summary: 'The current state snapshot with lastSeq (the council; anyone if public)' })
  @ApiOkResponse({ type: SessionDto })
  get(@CurrentUser() user: AuthUser | undefined, @UuidParam('sessionId') sessionId: string) {
    return this.sessions.snapshot(user ?? null, sessionId);
  }

  @Public()
  @Get('sessions/:sessionId/events')
  @ApiOperation({ summary: 'The ordered event log after a seq (the council; anyone if public)' })
  @ApiOkResponse({ type: SessionEventPageDto })
  events(@CurrentUser() user: AuthUser | undefined, @UuidParam('sessionId') sessionId: string, @Query() q: EventsQueryDto) {
    return this.sessions.eventsAfter(user ?? null, sessionId, { after: q.after, limit: limitOf(q), cursor: q.cursor });
  }

  @Post('sessions/:sessionId/polls')
  @ApiOperation({ summary: 'Put a question to the sitting with its tally rule (moderator, chair)' })
  @ApiCreatedResponse({ type: PollDto })
  createPoll(
    @CurrentUser() user: AuthUser,
    @UuidParam('sessionId') sessionId: string,
    @Body() dto: CreatePollDto,
    @Query() q: TallyQueryDto,
    @Headers('accept-language') al?: string,
  ) {
    return this.sessionPolls.createPoll(user, sessionId, dto, pickLanguage(q.lang, al));
  }

  @Post('agenda-items/:itemId/decision')
  @HttpCode(200)
  @ApiOperation({ summary: "The chair's decision on the open item; moves the proposal" })
  @ApiOkResponse({ type: DecisionResultDto })
  decide(@CurrentUser() user: AuthUser, @UuidParam('itemId') itemId: string, @Body() dto: DecisionDto) {
    return this.commands.decide(user, itemId, dto.resolution, dto.instruction ?? null);
  }
}
