import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PETITION_STATUSES, PetitionStatus } from '@kenes/core';
import { PageQueryDto } from '@kenes/common';
import { IsEmail, IsIn, IsOptional, IsString, Matches, MaxLength, MinLength } from 'class-validator';

export const MAX_TITLE = 200;
export const MAX_SUMMARY = 2_000;
export const MAX_BODY = 20_000;

export class CreatePetitionDto {
  @ApiProperty({ maxLength: MAX_TITLE, example: 'Benches in every park of the capital' })
  @IsString()
  @MinLength(3)
  @MaxLength(MAX_TITLE)
  title: string;

  @ApiProperty({ maxLength: MAX_SUMMARY })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_SUMMARY)
  summary: string;

  @ApiProperty({ maxLength: MAX_BODY, description: 'Markdown' })
  @IsString()
  @MinLength(1)
  @MaxLength(MAX_BODY)
  body: string;

  @ApiProperty({ maxLength: 200, description: 'shown with the petition' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  authorName: string;

  @ApiProperty({ maxLength: 254, description: 'kept for the secretariat, never shown' })
  @IsEmail()
  @MaxLength(254)
  authorEmail: string;
}

export class PetitionListQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ enum: PETITION_STATUSES })
  @IsOptional()
  @IsIn(PETITION_STATUSES)
  status?: PetitionStatus;
}

export class ModerationDto {
  @ApiProperty({ enum: ['publish', 'reject'] })
  @IsIn(['publish', 'reject'])
  decision: 'publish' | 'reject';

  @ApiPropertyOptional({ maxLength: 2000, description: 'required when rejecting' })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(2000)
  reason?: string;
}

export class PetitionResponseDto {
  @ApiProperty({ maxLength: 20_000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body: string;
}

const REGION = /^[\p{L}\p{N}][\p{L}\p{N} .'-]{0,63}$/u;

/** `POST /petitions/:id/signatures`, either method (the fields of the other method are refused). */
export class SignPetitionDto {
  @ApiProperty({ enum: ['email', 'certificate'] })
  @IsIn(['email', 'certificate'])
  method: 'email' | 'certificate';

  @ApiProperty({ maxLength: 200, description: 'never stored or shown' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiPropertyOptional({ maxLength: 254, description: 'method email: where the confirmation link goes' })
  @IsOptional()
  @IsEmail()
  @MaxLength(254)
  email?: string;

  @ApiPropertyOptional({ maxLength: 64, example: 'Almaty', description: 'counted per region' })
  @IsOptional()
  @IsString()
  @Matches(REGION, { message: 'must be a region name (letters, digits, spaces, . \' -; up to 64)' })
  region?: string;

  @ApiPropertyOptional({ description: 'method certificate: base64 DER of a CMS detached signature over the signing text' })
  @IsOptional()
  @IsString()
  @MaxLength(90_000)
  @Matches(/^\s*[A-Za-z0-9+/=][A-Za-z0-9+/=\s]*$/, { message: 'must be base64' })
  signature?: string;
}

export class ConfirmSignatureDto {
  @ApiProperty({ description: 'the token from the confirmation link' })
  @IsString()
  @Matches(/^[A-Za-z0-9_-]{43}$/, { message: 'must be a confirmation token' })
  token: string;
}

export class PetitionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty() title: string;
  @ApiProperty() summary: string;
  @ApiProperty() body: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ enum: PETITION_STATUSES }) status: PetitionStatus;
  @ApiProperty({ description: 'validated signatures' }) signatures: number;
  @ApiProperty() agendaThreshold: number;
  @ApiProperty({ nullable: true, type: Number }) responseThreshold: number | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) publishedAt: string | null;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) closesAt: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ format: 'date', nullable: true, type: String }) responseDueOn: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the council's written answer" }) response: string | null;
  @ApiProperty({ nullable: true, type: String, description: "the chair's resolution on its proposal" }) resolution: string | null;
  @ApiProperty({ nullable: true, type: String, description: 'why the secretariat rejected it' }) rejectionReason: string | null;
  @ApiProperty({ enum: ['email', 'certificate'], isArray: true, description: 'how it may be signed' }) verification: string[];
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class PetitionPageDto {
  @ApiProperty({ type: [PetitionDto] }) items: PetitionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class SignatureStatusDto {
  @ApiProperty({ enum: ['pending', 'validated'] }) status: 'pending' | 'validated';
}

export class SignatureSummaryDto {
  @ApiProperty() validated: number;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, example: { Almaty: 120 } }) byRegion: Record<string, number>;
}
