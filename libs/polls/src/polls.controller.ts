import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { pickLanguage } from '@kenes/core';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { AcknowledgeDto, FileOpinionDto, MinorityOpinionDto, MinorityOpinionPageDto, SignOpinionDto } from './dto/minority.dto';
import { CastBallotDto, CastingDecisionDto, CreatePollDto, NamedBallotPageDto, PollDto, PollListQueryDto, PollPageDto, ReceiptDto, ReceiptPageDto, TallyDto, TallyQueryDto } from './dto/poll.dto';
import { MinorityService } from './minority/minority.service';
import { BallotsService } from './ballots.service';
import { PollsService } from './polls.service';

@ApiTags('polls')
@ApiBearerAuth()
@Controller()
export class PollsController {
  constructor(
    private readonly polls: PollsService,
    private readonly minority: MinorityService,
    private readonly ballotsService: BallotsService,
  ) {}

  @Post('working-groups/:groupId/polls')
  @ApiOperation({ summary: "Put a question to the group with its tally rule (the group's coordinator)" })
  @ApiCreatedResponse({ type: PollDto })
  create(
    @CurrentUser() user: AuthUser,
    @UuidParam('groupId') groupId: string,
    @Body() dto: CreatePollDto,
    @Query() q: TallyQueryDto,
    @Headers('accept-language') al?: string,
  ) {
    return this.polls.createGroupPoll(user, groupId, dto, pickLanguage(q.lang, al));
  }

  @Get('polls/:pollId')
  @ApiOperation({ summary: 'A poll: rule, status, live counts while open (participation only if secret), the tally once closed' })
  @ApiOkResponse({ type: PollDto })
  get(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: TallyQueryDto, @Headers('accept-language') al?: string) {
    return this.polls.get(user, id, pickLanguage(q.lang, al));
  }

  @Get('proposals/:proposalId/polls')
  @ApiOperation({
    summary: "The polls on a proposal, oldest first, each as GET /polls/:pollId shows it without its ballots (whoever reads the proposal)",
    description: 'Draft, open and closed polls of the working group and of sittings whose subject is the proposal; only those GET /polls/:pollId answers for the caller.',
  })
  @ApiOkResponse({ type: PollPageDto })
  @ApiBadRequestResponse({ description: 'proposalId is not a UUID, or limit, cursor or lang is invalid; `errors` names each' })
  @ApiNotFoundResponse({ description: 'No such proposal, or it is out of your reach (API.md, "Who reads a proposal")' })
  listForProposal(@CurrentUser() user: AuthUser, @UuidParam('proposalId') proposalId: string, @Query() q: PollListQueryDto, @Headers('accept-language') al?: string) {
    return this.polls.listForProposal(user, proposalId, { limit: limitOf(q), cursor: q.cursor }, pickLanguage(q.lang, al));
  }

  @Post('polls/:pollId/open')
  @HttpCode(200)
  @ApiOperation({ summary: 'Open the poll; eligible voters are fixed now' })
  @ApiOkResponse({ type: PollDto })
  open(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: TallyQueryDto, @Headers('accept-language') al?: string) {
    return this.polls.open(user, id, pickLanguage(q.lang, al));
  }

  @Post('polls/:pollId/close')
  @HttpCode(200)
  @ApiOperation({ summary: 'Close the poll and store its tally; moves the subject proposal' })
  @ApiOkResponse({ type: PollDto })
  close(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: TallyQueryDto, @Headers('accept-language') al?: string) {
    return this.polls.close(user, id, pickLanguage(q.lang, al));
  }

  @Put('polls/:pollId/ballot')
  @ApiOperation({ summary: 'Cast (or, if the rule allows, replace) your ballot' })
  @ApiHeader({ name: 'Idempotency-Key', required: false, description: 'the same key always answers as the first time' })
  @ApiOkResponse({ type: ReceiptDto })
  cast(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Body() dto: CastBallotDto, @Headers('idempotency-key') key?: string) {
    return this.ballotsService.cast(user, id, dto, key ?? null);
  }

  @Get('polls/:pollId/tally')
  @ApiOperation({ summary: 'The stored tally with its explanation (?lang=en|ru|kk); 409 until the poll closes' })
  @ApiOkResponse({ type: TallyDto })
  tally(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: TallyQueryDto, @Headers('accept-language') al?: string) {
    return this.polls.tally(user, id, pickLanguage(q.lang, al));
  }

  @Get('polls/:pollId/receipts')
  @ApiOperation({ summary: 'The SHA-256 of every counted ballot’s receipt, once closed (no identity, no choice); as many as took part' })
  @ApiOkResponse({ type: ReceiptPageDto })
  receipts(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: PageQueryDto) {
    return this.polls.receipts(user, id, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('polls/:pollId/ballots')
  @ApiOperation({ summary: "A closed named poll's ballots by member, paged (409 for secret or open polls)" })
  @ApiOkResponse({ type: NamedBallotPageDto })
  ballots(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: PageQueryDto) {
    return this.polls.ballots(user, id, { limit: limitOf(q), cursor: q.cursor });
  }

  @Post('polls/:pollId/casting-decision')
  @HttpCode(200)
  @ApiOperation({ summary: "The chair's casting decision on a tied majority" })
  @ApiOkResponse({ type: PollDto })
  casting(
    @CurrentUser() user: AuthUser,
    @UuidParam('pollId') id: string,
    @Body() dto: CastingDecisionDto,
    @Query() q: TallyQueryDto,
    @Headers('accept-language') al?: string,
  ) {
    return this.polls.castingDecision(user, id, dto.outcome, pickLanguage(q.lang, al));
  }

  @Post('polls/:pollId/minority-opinions')
  @ApiOperation({ summary: 'File a minority opinion (voters whose ballot differs from the outcome; receipt on secret polls)' })
  @ApiCreatedResponse({ type: MinorityOpinionDto })
  file(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Body() dto: FileOpinionDto) {
    return this.minority.file(user, id, dto.body, dto.receipt);
  }

  @Get('polls/:pollId/minority-opinions')
  @ApiOperation({ summary: "The poll's minority opinions with their signatures and acknowledgements" })
  @ApiOkResponse({ type: MinorityOpinionPageDto })
  opinions(@CurrentUser() user: AuthUser, @UuidParam('pollId') id: string, @Query() q: PageQueryDto) {
    return this.minority.list(user, id, { limit: limitOf(q), cursor: q.cursor });
  }

  @Post('minority-opinions/:opinionId/signatures')
  @ApiOperation({ summary: 'Co-sign a minority opinion (as filing)' })
  @ApiCreatedResponse({ type: MinorityOpinionDto })
  sign(@CurrentUser() user: AuthUser, @UuidParam('opinionId') id: string, @Body() dto: SignOpinionDto) {
    return this.minority.sign(user, id, dto.receipt);
  }

  @Post('minority-opinions/:opinionId/acknowledgement')
  @HttpCode(200)
  @ApiOperation({ summary: 'Acknowledge a minority opinion (chair, secretariat)' })
  @ApiOkResponse({ type: MinorityOpinionDto })
  acknowledge(@CurrentUser() user: AuthUser, @UuidParam('opinionId') id: string, @Body() dto: AcknowledgeDto) {
    return this.minority.acknowledge(user, id, dto.note);
  }
}
