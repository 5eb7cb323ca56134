import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsBoolean, IsInt, IsObject, IsOptional, IsString, Matches, Max, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { MAX_PROXIES_PER_DELEGATE } from '@kenes/core';
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

/** Proxy voting as the statute allows it; a PATCH changes the fields it names and keeps the rest. */
export class ProxyVotingDto {
  @ApiPropertyOptional({ description: 'whether members may give proxies (default false)' })
  @IsOptional()
  @IsBoolean()
  enabled?: boolean;

  @ApiPropertyOptional({ minimum: 1, maximum: MAX_PROXIES_PER_DELEGATE, description: 'members one delegate may represent in a sitting or poll (default 1)' })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(MAX_PROXIES_PER_DELEGATE)
  maxPerDelegate?: number;

  @ApiPropertyOptional({ description: 'whether a delegator may still cast their own ballot while the proxy holds (default false)' })
  @IsOptional()
  @IsBoolean()
  delegatorMayVote?: boolean;

  @ApiPropertyOptional({ description: 'whether represented members count in the base `present` and towards a quorum (default false)' })
  @IsOptional()
  @IsBoolean()
  countTowardQuorum?: boolean;

  @ApiPropertyOptional({ description: 'whether secret polls take proxy ballots (default false)' })
  @IsOptional()
  @IsBoolean()
  onSecretPolls?: boolean;
}

export class ProxyVotingSettingsDto {
  @ApiProperty() enabled: boolean;
  @ApiProperty() maxPerDelegate: number;
  @ApiProperty() delegatorMayVote: boolean;
  @ApiProperty() countTowardQuorum: boolean;
  @ApiProperty() onSecretPolls: boolean;
}

export class UpdateCouncilDto {
  @ApiPropertyOptional({ maxLength: 200 })
  @IsOptional()
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  name?: string;

  @ApiPropertyOptional({ minimum: 0, maximum: 8760, description: 'hours after a poll closes during which minority opinions may be filed (polls closing from now on)' })
  @IsOptional()
  @IsInt()
  @Min(0)
  @Max(8760)
  minorityOpinionWindowHours?: number;

  @ApiPropertyOptional({ ...QUORUM_SCHEMA, nullable: true, description: '{count} or {numerator, denominator} of the voters; null: no plenary quorum' } as never)
  @IsOptional()
  @IsQuorumRule()
  plenaryQuorum?: { count: number } | { numerator: number; denominator: number } | null;

  @ApiPropertyOptional({ description: 'publish supported proposals and their plan items as open data' })
  @IsOptional()
  @IsBoolean()
  publishOpenData?: boolean;

  @ApiPropertyOptional({ type: ProxyVotingDto, description: 'proxy voting (API.md, "Proxy voting"); off by default' })
  @IsOptional()
  @IsObject()
  @ValidateNested()
  @Type(() => ProxyVotingDto)
  proxyVoting?: ProxyVotingDto;

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
  @ApiProperty({ type: ProxyVotingSettingsDto }) proxyVoting: ProxyVotingSettingsDto;
  @ApiProperty({ type: PetitionSettingsViewDto, nullable: true, description: 'null until the council is set up for petitions' }) petitions: PetitionSettingsViewDto | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date-time' }) updatedAt: string;
}

export class CouncilPageDto {
  @ApiProperty({ type: [CouncilDto] }) items: CouncilDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
