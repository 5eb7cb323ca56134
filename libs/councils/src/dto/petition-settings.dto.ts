import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { VERIFICATION_METHODS, VerificationMethod } from '@kenes/core';
import { ArrayMaxSize, ArrayMinSize, ArrayUnique, IsArray, IsBoolean, IsIn, IsInt, IsOptional, IsUUID, Max, Min } from 'class-validator';

/** How a council takes petitions (API.md, "Petitions"). */
export class PetitionSettingsDto {
  @ApiProperty({ description: 'whether the council takes new petitions' })
  @IsBoolean()
  enabled: boolean;

  @ApiProperty({ minimum: 1, maximum: 100_000_000, example: 10_000, description: 'validated signatures that bring a petition to the agenda' })
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  agendaThreshold: number;

  @ApiPropertyOptional({ minimum: 1, nullable: true, type: Number, description: 'validated signatures after which a written answer is due (below agendaThreshold)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(100_000_000)
  responseThreshold?: number | null;

  @ApiProperty({ minimum: 1, maximum: 365, example: 90 })
  @IsInt()
  @Min(1)
  @Max(365)
  signatureDays: number;

  @ApiProperty({ minimum: 1, maximum: 365, example: 60 })
  @IsInt()
  @Min(1)
  @Max(365)
  responseDays: number;

  @ApiProperty({ enum: VERIFICATION_METHODS, isArray: true, example: ['email'] })
  @IsArray()
  @ArrayMinSize(1)
  @ArrayMaxSize(2)
  @ArrayUnique()
  @IsIn(VERIFICATION_METHODS, { each: true })
  verification: VerificationMethod[];

  @ApiProperty({ format: 'uuid', description: "the working group that receives a referred petition's proposal" })
  @IsUUID()
  workingGroupId: string;
}

export class PetitionSettingsViewDto {
  @ApiProperty() enabled: boolean;
  @ApiProperty() agendaThreshold: number;
  @ApiProperty({ nullable: true, type: Number }) responseThreshold: number | null;
  @ApiProperty() signatureDays: number;
  @ApiProperty() responseDays: number;
  @ApiProperty({ enum: VERIFICATION_METHODS, isArray: true }) verification: VerificationMethod[];
  @ApiProperty({ format: 'uuid' }) workingGroupId: string;
}
