import { Body, Controller, Get, Headers, HttpCode, Post, Query, Req, Res } from '@nestjs/common';
import { ApiAcceptedResponse, ApiBadRequestResponse, ApiBearerAuth, ApiConflictResponse, ApiCreatedResponse, ApiNotFoundResponse, ApiOkResponse, ApiOperation, ApiProduces, ApiTags, ApiTooManyRequestsResponse } from '@nestjs/swagger';
import { SkipThrottle } from '@nestjs/throttler';
import type { Request, Response } from 'express';
import { AuthUser, CurrentUser, limitOf, Public, UuidParam } from '@kenes/common';
import {
  ConfirmSignatureDto,
  CreatePetitionDto,
  ModerationDto,
  PetitionDto,
  PetitionListQueryDto,
  PetitionPageDto,
  PetitionResponseDto,
  SignatureStatusDto,
  SignatureSummaryDto,
  SignPetitionDto,
} from './dto/petition.dto';
import { langOf } from './petition-i18n';
import { PetitionsService } from './petitions.service';
import { SignaturesService } from './signatures.service';

const clientAddress = (req: Request) => req.ip ?? req.socket.remoteAddress ?? 'unknown';

@ApiTags('petitions')
@ApiBearerAuth()
@Controller()
export class PetitionsController {
  constructor(
    private readonly petitions: PetitionsService,
    private readonly signatures: SignaturesService,
  ) {}

  @Public()
  @Post('councils/:councilId/petitions')
  @ApiOperation({ summary: 'Submit a petition to a council that takes them (anyone); the secretariat publishes or rejects it' })
  @ApiCreatedResponse({ type: PetitionDto })
  @ApiNotFoundResponse({ description: 'no such council, or it takes no petitions' })
  @ApiTooManyRequestsResponse({ description: 'too many submissions from this address' })
  submit(@CurrentUser() user: AuthUser | undefined, @UuidParam('councilId') councilId: string, @Body() dto: CreatePetitionDto, @Req() req: Request) {
    return this.petitions.submit(user, councilId, dto, clientAddress(req));
  }

  @Public()
  @Get('councils/:councilId/petitions')
  @ApiOperation({ summary: "A council's published petitions, newest first (its secretariat sees submitted and rejected ones too)" })
  @ApiOkResponse({ type: PetitionPageDto })
  list(@CurrentUser() user: AuthUser | undefined, @UuidParam('councilId') councilId: string, @Query() q: PetitionListQueryDto) {
    return this.petitions.list(user, councilId, { status: q.status, limit: limitOf(q), cursor: q.cursor });
  }

  @Public()
  @Get('petitions/:petitionId')
  @ApiOperation({ summary: 'A petition with its validated count, thresholds and answer (anyone once published; the secretariat before)' })
  @ApiOkResponse({ type: PetitionDto })
  get(@CurrentUser() user: AuthUser | undefined, @UuidParam('petitionId') petitionId: string) {
    return this.petitions.get(user, petitionId);
  }

  @Post('petitions/:petitionId/moderation')
  @HttpCode(200)
  @ApiOperation({ summary: 'Publish (signatures open for signatureDays) or reject with a reason (secretariat); 409 once moderated' })
  @ApiOkResponse({ type: PetitionDto })
  moderate(@CurrentUser() user: AuthUser, @UuidParam('petitionId') petitionId: string, @Body() dto: ModerationDto) {
    return this.petitions.moderate(user, petitionId, dto);
  }

  @Post('petitions/:petitionId/withdrawal')
  @HttpCode(200)
  @ApiOperation({ summary: "Withdraw an open petition at its author's request (secretariat); 409 unless open" })
  @ApiOkResponse({ type: PetitionDto })
  withdraw(@CurrentUser() user: AuthUser, @UuidParam('petitionId') petitionId: string) {
    return this.petitions.withdraw(user, petitionId);
  }

  @Public()
  @Get('petitions/:petitionId/signing-text')
  @ApiOperation({ summary: 'The exact bytes a certificate signature covers (text/plain; charset=utf-8)' })
  @ApiProduces('text/plain')
  @ApiOkResponse({ schema: { type: 'string' } })
  async signingText(@CurrentUser() user: AuthUser | undefined, @UuidParam('petitionId') petitionId: string, @Res({ passthrough: true }) res: Response): Promise<string> {
    const text = await this.petitions.signingText(user, petitionId);
    res.type('text/plain; charset=utf-8');
    return text;
  }

  @Public()
  @Post('petitions/:petitionId/signatures')
  @ApiOperation({
    summary: 'Sign: by email (202 pending, the same answer whether or not this person signed before; a link is mailed) or with a certificate (201 validated)',
  })
  @ApiAcceptedResponse({ type: SignatureStatusDto, description: 'method email: pending until the mailed link is confirmed' })
  @ApiCreatedResponse({ type: SignatureStatusDto, description: 'method certificate: validated' })
  @ApiBadRequestResponse({ description: 'a disposable address, a signature that does not verify, a method the council does not take' })
  @ApiConflictResponse({ description: 'the petition is not open' })
  @ApiTooManyRequestsResponse({ description: 'too many signing requests from this address, mail domain or signer' })
  async sign(
    @CurrentUser() user: AuthUser | undefined,
    @UuidParam('petitionId') petitionId: string,
    @Body() dto: SignPetitionDto,
    @Req() req: Request,
    @Res({ passthrough: true }) res: Response,
    @Headers('accept-language') acceptLanguage?: string,
  ): Promise<SignatureStatusDto> {
    // The mail and the page it links to speak the signer's language (Accept-Language: kk, ru or en).
    const result = await this.signatures.sign(user, petitionId, dto, clientAddress(req), langOf(undefined, acceptLanguage));
    res.status(result.status === 'pending' ? 202 : 201);
    return result;
  }

  // A token is 256 random bits and works once: guessing is hopeless, and a campus behind one address confirms at once.
  @Public()
  @SkipThrottle()
  @Post('signature-confirmations')
  @HttpCode(200)
  @ApiOperation({ summary: "Confirm an email signature with the link's token (the confirmation page's button); a token works once (409), for 48 hours" })
  @ApiOkResponse({ type: SignatureStatusDto })
  @ApiConflictResponse({ description: 'the token was used already or has expired, or the petition closed' })
  @ApiNotFoundResponse({ description: 'no such token' })
  confirm(@Body() dto: ConfirmSignatureDto) {
    return this.signatures.confirm(dto.token);
  }

  @Public()
  @Get('petitions/:petitionId/signatures/summary')
  @ApiOperation({ summary: 'Validated signatures, in all and per region; never a name or an address' })
  @ApiOkResponse({ type: SignatureSummaryDto })
  summary(@CurrentUser() user: AuthUser | undefined, @UuidParam('petitionId') petitionId: string) {
    return this.petitions.summary(user, petitionId);
  }

  @Post('petitions/:petitionId/response')
  @HttpCode(200)
  @ApiOperation({ summary: "Add or replace the council's written answer (secretariat); 409 before it is published" })
  @ApiOkResponse({ type: PetitionDto })
  respond(@CurrentUser() user: AuthUser, @UuidParam('petitionId') petitionId: string, @Body() dto: PetitionResponseDto) {
    return this.petitions.respond(user, petitionId, dto);
  }
}
