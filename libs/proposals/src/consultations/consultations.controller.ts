import { Body, Controller, Get, HttpCode, Post, Query } from '@nestjs/common';
import { ApiBadRequestResponse, ApiBearerAuth, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiTags } from '@nestjs/swagger';
import { AuthUser, CurrentUser, limitOf, PageQueryDto, UuidParam } from '@kenes/common';
import { ConsultationsService } from './consultations.service';
import {
  ConsultationCommentDto,
  ConsultationCommentInputDto,
  ConsultationDto,
  ConsultationListDto,
  ConsultationListQueryDto,
  ConsultationPageDto,
  ConsultationResponseInputDto,
  OpenConsultationsDto,
} from './dto/consultation.dto';

@ApiTags('consultations')
@ApiBearerAuth()
@Controller()
export class ConsultationsController {
  constructor(private readonly consultations: ConsultationsService) {}

  @Post('proposals/:proposalId/consultations')
  @ApiOperation({ summary: 'Address the current version to agencies, one consultation each (secretariat, group coordinator)' })
  @ApiCreatedResponse({ type: ConsultationListDto })
  open(@CurrentUser() user: AuthUser, @UuidParam('proposalId') proposalId: string, @Body() dto: OpenConsultationsDto) {
    return this.consultations.open(user, proposalId, dto);
  }

  @Get('proposals/:proposalId/consultations')
  @ApiOperation({
    summary: "A proposal's consultations, oldest first, each with its final response and its comments (whoever reads the proposal)",
    description:
      "Each consultation only if GET /consultations/:consultationId answers it for the caller: the secretariat and the proposal's group see all; an agency's representatives their agency's; anyone else who reads the proposal, none. Each carries `comments` as GET /consultations/:consultationId gives them to the same caller.",
  })
  @ApiOkResponse({ type: ConsultationPageDto })
  @ApiBadRequestResponse({ description: 'proposalId is not a UUID, or limit or cursor is invalid; `errors` names each' })
  @ApiNotFoundResponse({ description: 'No such proposal, or it is out of your reach (API.md, "Who reads a proposal")' })
  listForProposal(@CurrentUser() user: AuthUser, @UuidParam('proposalId') proposalId: string, @Query() q: PageQueryDto) {
    return this.consultations.listForProposal(user, proposalId, { limit: limitOf(q), cursor: q.cursor });
  }

  @Get('consultations/:consultationId')
  @ApiOperation({ summary: 'A consultation with its comments and response (secretariat, the group, the agency)' })
  @ApiOkResponse({ type: ConsultationDto })
  get(@CurrentUser() user: AuthUser, @UuidParam('consultationId') id: string) {
    return this.consultations.get(user, id);
  }

  @Get('agencies/:agencyId/consultations')
  @ApiOperation({ summary: "An agency's consultations, by due date (its representatives, secretariat)" })
  @ApiOkResponse({ type: ConsultationPageDto })
  list(@CurrentUser() user: AuthUser, @UuidParam('agencyId') agencyId: string, @Query() q: ConsultationListQueryDto) {
    return this.consultations.listForAgency(user, agencyId, { ...q, limit: limitOf(q) });
  }

  @Get('councils/:councilId/consultations')
  @ApiOperation({ summary: "The council's consultations by due date, e.g. ?status=overdue (secretariat)" })
  @ApiOkResponse({ type: ConsultationPageDto })
  listForCouncil(@CurrentUser() user: AuthUser, @UuidParam('councilId') councilId: string, @Query() q: ConsultationListQueryDto) {
    return this.consultations.listForCouncil(user, councilId, { ...q, limit: limitOf(q) });
  }

  @Post('consultations/:consultationId/comments')
  @ApiOperation({ summary: "The agency's comment (with a position) or an author's reply" })
  @ApiCreatedResponse({ type: ConsultationCommentDto })
  comment(@CurrentUser() user: AuthUser, @UuidParam('consultationId') id: string, @Body() dto: ConsultationCommentInputDto) {
    return this.consultations.comment(user, id, dto);
  }

  @Post('consultations/:consultationId/response')
  @HttpCode(200)
  @ApiOperation({ summary: "The agency's final response (once)" })
  @ApiOkResponse({ type: ConsultationDto })
  respond(@CurrentUser() user: AuthUser, @UuidParam('consultationId') id: string, @Body() dto: ConsultationResponseInputDto) {
    return this.consultations.respond(user, id, dto);
  }
}
