import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsObject, IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateCandidateDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID()
  userId: string;

  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' }, example: { sector: 'law', stance: 'moderate' } })
  @IsObject()
  attributes: Record<string, string>;

  @ApiPropertyOptional({ type: String, nullable: true, maxLength: 2000 })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  note?: string | null;
}

export class CandidateDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
  @ApiProperty({ type: String, nullable: true }) fullName: string | null;
  @ApiProperty({ type: 'object', additionalProperties: { type: 'string' } }) attributes: Record<string, string>;
  @ApiProperty({ type: String, nullable: true }) note: string | null;
  @ApiProperty({ enum: ['available', 'joined'] }) status: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CandidatePageDto {
  @ApiProperty({ type: [CandidateDto] }) items: CandidateDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
