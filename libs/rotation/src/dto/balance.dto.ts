import { ApiProperty, ApiPropertyOptional, ApiPropertyOptions } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, IsArray, IsIn, IsInt, IsOptional, IsString, Max, MaxLength, Min, MinLength, ValidateIf, ValidateNested } from 'class-validator';
import { PageQueryDto } from '@kenes/common';
import { IsIsoDate } from '@kenes/councils';

export class BalanceTargetInputDto {
  @ApiProperty({ example: 'sector' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  dimension: string;

  @ApiProperty({ example: 'law' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  value: string;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  min?: number | null;

  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0 })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  max?: number | null;

  @ApiPropertyOptional({ minimum: 1, maximum: 1000, default: 1, description: "how much a unit outside this target weighs in the planner's objective" })
  @IsOptional()
  @IsInt()
  @Min(1)
  @Max(1000)
  weight?: number;
}

export class PutBalanceTargetsDto {
  @ApiPropertyOptional({ type: Number, nullable: true, minimum: 0, description: 'seats with a vote; a plan keeps them (default: the members before it)' })
  @ValidateIf((_o, v) => v !== null && v !== undefined)
  @IsInt()
  @Min(0)
  seats?: number | null;

  @ApiProperty({ type: [BalanceTargetInputDto] })
  @IsArray()
  @ArrayMaxSize(500)
  @ValidateNested({ each: true })
  @Type(() => BalanceTargetInputDto)
  targets: BalanceTargetInputDto[];
}

export class BalanceTargetDto {
  @ApiProperty() dimension: string;
  @ApiProperty() value: string;
  @ApiProperty({ type: Number, nullable: true }) min: number | null;
  @ApiProperty({ type: Number, nullable: true }) max: number | null;
  @ApiProperty() weight: number;
}

export class BalanceTargetsDto {
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ type: Number, nullable: true }) seats: number | null;
  @ApiProperty({ type: [BalanceTargetDto] }) targets: BalanceTargetDto[];
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) updatedAt: string | null;
}

const VALUE_BALANCE = {
  type: 'object',
  additionalProperties: {
    type: 'object',
    additionalProperties: {
      type: 'object',
      properties: {
        count: { type: 'integer' },
        min: { type: 'integer', nullable: true },
        max: { type: 'integer', nullable: true },
        status: { type: 'string', enum: ['met', 'under', 'over'] },
      },
    },
  },
  example: { sector: { law: { count: 4, min: 3, max: 5, status: 'met' } } },
} as ApiPropertyOptions;

export class BalanceDto {
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty() total: number;
  @ApiProperty({ type: Number, nullable: true }) seats: number | null;
  @ApiProperty({ description: 'the sum over targeted values of how far the count lies outside [min, max]' }) deviation: number;
  @ApiProperty(VALUE_BALANCE) dimensions: Record<string, Record<string, { count: number; min: number | null; max: number | null; status: string }>>;
}

export class BalanceHistoryItemDto {
  @ApiProperty({ format: 'date' }) at: string;
  @ApiProperty() total: number;
  @ApiProperty() deviation: number;
  @ApiProperty(VALUE_BALANCE) dimensions: BalanceDto['dimensions'];
}

export class BalanceHistoryDto {
  @ApiProperty({ type: [BalanceHistoryItemDto] }) items: BalanceHistoryItemDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}

export class BalanceHistoryQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ format: 'date', description: 'default: a year of steps before `to`' })
  @IsOptional()
  @IsIsoDate()
  from?: string;

  @ApiPropertyOptional({ format: 'date', description: 'default: today' })
  @IsOptional()
  @IsIsoDate()
  to?: string;

  @ApiPropertyOptional({ enum: ['month', 'quarter'], default: 'month' })
  @IsOptional()
  @IsIn(['month', 'quarter'])
  step?: 'month' | 'quarter';
}
