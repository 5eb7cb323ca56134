import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength } from 'class-validator';
import { Type } from 'class-transformer';
import { ValidateNested } from 'class-validator';
import { PetitionSettingsDto, PetitionSettingsViewDto } from './petition-settings.dto';
import { IsQuorumRule } from './quorum.validator';

const QUORUM_SCHEMA = {
  oneOf: [
    { type: 'object', properties: { count: { type: 'integer', minimum: 1 } }, required: ['count'] },
    {
      type: 'object',
      properties: { numerator: { type: 'integer', minimum: 1 }, denominator: { type: 'integer', minimum: 1 } },
      required: ['numerator', 'denominator'],
    },
  ],
} as const;

export class CreateCouncilDto {
  @ApiProperty({ example: 'National Council of Public Trust' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name: string;

  @ApiProperty({ example: 'ncpt', description: 'lowercase letters, digits and dashes' })
  @IsString()
  @Matches(/^[a-z0-9]+(-[a-z0-9]+)*$/, { message: 'must be lowercase letters, digits and single dashes' })
  @MaxLength(64)
  slug: string;

  @ApiProperty({ type: [String], example: ['sector', 'stance'] })
  @IsArray()
  @ArrayMaxSize(20)
  @ArrayUnique()
  @IsString({ each: true })
  @Matches(/^[a-z][a-z0-9_]{0,39}$/, { each: true, message: 'each dimension must be a lowercase identifier' })
  balanceDimensions: string[];

  @ApiProperty({ example: 72, minimum: 0, maximum: 8760 })
  @IsInt()
  @Min(0)
  @Max(8760)
  minorityOpinionWindowHours: number;

  @ApiPropertyOptional({ ...QUORUM_SCHEMA, nullable: true, description: '{count} or {numerator, denominator} of the voters' } as never)
  @IsOptional()
  @IsQuorumRule()
  plenaryQuorum?: { count: number } | { numerator: number; denominator: number } | null;

  @ApiPropertyOptional({ default: false, description: 'publish supported proposals and their plan items as open data' })
  @IsOptional()
  @IsBoolean()
  publishOpenData?: boolean;
}

export class UpdateCouncilDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ description: 'publish supported proposals and their plan items as open data' })
  @IsOptional()
  @IsBoolean()
  publishOpenData?: boolean;

  @ApiPropertyOptional({ type: PetitionSettingsDto, description: 'whether and how the council takes petitions from the public' })
  @IsOptional()
  @ValidateNested()
  @Type(() => PetitionSettingsDto)
  petitions?: PetitionSettingsDto;
}

export class CouncilDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty() name: string;
  @ApiProperty() slug: string;
  @ApiProperty({ type: [String] }) balanceDimensions: string[];
  @ApiProperty() minorityOpinionWindowHours: number;
  @ApiProperty({ ...QUORUM_SCHEMA, nullable: true } as never) plenaryQuorum: unknown;
  @ApiProperty() publishOpenData: boolean;
  @ApiProperty({ type: PetitionSettingsViewDto, nullable: true, description: 'null until the council is set up for petitions' }) petitions: PetitionSettingsViewDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CouncilPageDto {
  @ApiProperty({ type: [CouncilDto] }) items: CouncilDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
