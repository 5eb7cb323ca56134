import { Body, Controller, Get, Headers, HttpCode, Post, Put, Query, Req, Res } from '@nestjs/common';
import { ApiBearerAuth, ApiCreatedResponse, ApiHeader, ApiOkResponse, ApiOperation, ApiPreconditionFailedResponse, ApiResponse, ApiTags } from '@nestjs/swagger';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, invalidField, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { Param } from '@nestjs/common';
import {
  CreateProposalDto,
  DiffDto,
  DiffQueryDto,
  ProposalDto,
  SearchPageDto,
  SearchQueryDto,
  TracePageDto,
  TransitionDto,
  UpdateProposalDto,
  VersionDto,
  VersionPageDto,
} from './dto/proposal.dto';
import { CommentPageDto, CommentDto, CreateCommentDto } from './dto/comment.dto';
import { CommentsService } from './comments.service';
import { etagOf, versionFromIfMatch } from './proposals.mappers';
import { ProposalsService } from './proposals.service';
import { SearchService } from './search.service';

@ApiTags('proposals')
@ApiBearerAuth()
@Controller()
export class ProposalsController {
  constructor(
    private readonly proposals: ProposalsService,
    private readonly comments: CommentsService,
    private readonly searchService: SearchService,
  ) {}

  @Post('working-groups/:groupId/proposals')
  @ApiOperation({ summary: 'Draft a proposal in a working group (its members)' })
  @ApiCreatedResponse({ type: ProposalDto, headers: { ETag: { description: '"1"', schema: { type: 'string' } } } })
  async create(@CurrentUser() user: AuthUser, @UuidParam('groupId') groupId: string, @Body() dto: CreateProposalDto, @Res({ passthrough: true }) res: Response) {
    const p = await this.proposals.create(user, groupId, dto);
    res.setHeader('ETag', etagOf(p.currentVersion));
    return p;
  }

  @Get('councils/:councilId/proposals')
  @ApiOperation({ summary: 'Search proposals (full text in Russian, Kazakh and English), filter by status and group' })
  @ApiOkResponse({ type: SearchPageDto })
  search(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: SearchQueryDto) {
    return this.searchService.search(user, councilId, { q: q.q, status: q.status, groupId: q.groupId, cursor: q.cursor, limit: limitOf(q) });
  }

  @Get('proposals/:proposalId')
  @ApiOperation({ summary: 'A proposal with its current version' })
  @ApiOkResponse({ type: ProposalDto, headers: { ETag: { description: 'the current version, e.g. "3"', schema: { type: 'string' } } } })
  async get(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Req() req: Request, @Res({ passthrough: true }) res: Response) {
    const p = await this.proposals.get(user, id);
    // The ETag names the text's version (what If-Match compares), not the whole answer: the status
    // and the authors change without a new version. So this answer is never a 304 from a cached copy,
    // and a browser keeps no copy to revalidate (it once showed a proposal's old status that way).
    delete req.headers['if-none-match'];
    delete req.headers['if-modified-since'];
    res.setHeader('Cache-Control', 'no-store');
    res.setHeader('ETag', etagOf(p.currentVersion));
    return p;
  }

  @Put('proposals/:proposalId')
  @ApiOperation({ summary: 'Write a new version (co-authors); If-Match names the version it is based on' })
  @ApiHeader({ name: 'If-Match', required: true, description: 'the version the edit is based on, e.g. "3" (412 if stale, 428 if missing)' })
  @ApiOkResponse({ type: ProposalDto })
  @ApiPreconditionFailedResponse({ description: 'If-Match names a version that is no longer the current one: read it again and redo the edit' })
  @ApiResponse({ status: 428, description: 'If-Match is missing' })
  async update(
    @CurrentUser() user: AuthUser,
    @UuidParam('proposalId') id: string,
    @Body() dto: UpdateProposalDto,
    @Headers('if-match') ifMatch: string | undefined,
    @Res({ passthrough: true }) res: Response,
  ) {
    const p = await this.proposals.update(user, id, versionFromIfMatch(ifMatch), dto);
    res.setHeader('ETag', etagOf(p.currentVersion));
    return p;
  }

  @Get('proposals/:proposalId/versions')
  @ApiOperation({ summary: 'Every version, oldest first' })
  @ApiOkResponse({ type: VersionPageDto })
  versions(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Query() q: PageQueryDto) {
    return this.proposals.versions(user, id, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('proposals/:proposalId/versions/:n')
  @ApiOperation({ summary: 'One immutable version' })
  @ApiOkResponse({ type: VersionDto })
  version(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Param('n') n: string) {
    if (!/^\d{1,9}$/.test(n) || Number(n) < 1) throw invalidField('n', 'must be a version number (1, 2, …)');
    return this.proposals.version(user, id, Number(n));
  }

  @Get('proposals/:proposalId/diff')
  @ApiOperation({ summary: 'Line-level changes of title, summary and body between two versions' })
  @ApiOkResponse({ type: DiffDto })
  diff(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Query() q: DiffQueryDto) {
    return this.proposals.diff(user, id, q.from, q.to);
  }

  @Post('proposals/:proposalId/transitions')
  @HttpCode(200)
  @ApiOperation({ summary: 'Request a move of the status (409 with `allowed` when not possible now; 403 for the wrong role)' })
  @ApiOkResponse({ type: ProposalDto })
  transition(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Body() dto: TransitionDto) {
    return this.proposals.requestTransition(user, id, dto);
  }

  @Post('proposals/:proposalId/comments')
  @ApiOperation({ summary: "Comment (the proposal's group), optionally anchored to a span of a version" })
  @ApiCreatedResponse({ type: CommentDto })
  comment(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Body() dto: CreateCommentDto) {
    return this.comments.create(user, id, dto);
  }

  @Get('proposals/:proposalId/comments')
  @ApiOperation({ summary: 'Comments in order (the group, the secretariat)' })
  @ApiOkResponse({ type: CommentPageDto })
  listComments(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Query() q: PageQueryDto) {
    return this.comments.list(user, id, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('proposals/:proposalId/trace')
  @ApiOperation({ summary: "The proposal's lineage in time order" })
  @ApiOkResponse({ type: TracePageDto })
  trace(@CurrentUser() user: AuthUser, @UuidParam('proposalId') id: string, @Query() q: PageQueryDto) {
    return this.proposals.trace(user, id, { limit: limitOf(q), cursor: q.cursor });
  }
}
