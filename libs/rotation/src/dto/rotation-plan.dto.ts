import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { ArrayMaxSize, ArrayUnique, IsArray, IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';
import { IsIsoDate } from '@kenes/councils';
import { BalanceDto } from './balance.dto';

export class LeaveRangeDto {
  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  min: number;

  @ApiProperty({ minimum: 0 })
  @IsInt()
  @Min(0)
  max: number;
}

export class LotteryDto {
  @ApiProperty({ description: 'a published seed: the same seed and inputs draw the same plan' })
  @IsString()
  @MinLength(1)
  @MaxLength(200)
  seed: string;
}

export class CreateRotationPlanDto {
  @ApiProperty({ format: 'date', description: 'the first day of the new composition' })
  @IsIsoDate()
  effectiveOn: string;

  @ApiProperty({ type: LeaveRangeDto, description: 'how many members leave, those whose term ends included' })
  @ValidateNested()
  @Type(() => LeaveRangeDto)
  leave: LeaveRangeDto;

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mustLeave?: string[];

  @ApiPropertyOptional({ type: [String], format: 'uuid' })
  @IsOptional()
  @IsArray()
  @ArrayMaxSize(1000)
  @ArrayUnique()
  @IsUUID('all', { each: true })
  mustStay?: string[];

  @ApiPropertyOptional({ type: LotteryDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => LotteryDto)
  lottery?: LotteryDto | null;
}

export class PlanLeavingDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty({ enum: ['term_ends', 'must_leave', 'rebalance'] }) reason: string;
}

export class PlanJoiningDto {
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty({ format: 'uuid' }) userId: string;
}

export class RelaxationDto {
  @ApiProperty() dimension: string;
  @ApiProperty() value: string;
  @ApiProperty({ enum: ['min', 'max'] }) bound: string;
  @ApiProperty() from: number;
  @ApiProperty() to: number;
}

export class SolverDto {
  @ApiProperty({ example: 'highs' }) name: string;
  @ApiProperty() version: string;
  @ApiProperty({ enum: ['optimal', 'time_limit'] }) status: string;
  @ApiProperty({ type: Number, nullable: true, description: 'the least total deviation found' }) objective: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'the best bound proved on it' }) bound: number | null;
  @ApiProperty() ms: number;
}

export class SelectionProbabilityDto {
  @ApiProperty({ format: 'uuid' }) candidateId: string;
  @ApiProperty() probability: number;
}

export class RotationPlanDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'date' }) effectiveOn: string;
  @ApiProperty({ enum: ['proposed', 'applied', 'infeasible'] }) status: string;
  @ApiProperty({ type: [PlanLeavingDto] }) leaving: PlanLeavingDto[];
  @ApiProperty({ type: [PlanJoiningDto] }) joining: PlanJoiningDto[];
  @ApiProperty({ type: BalanceDto }) before: BalanceDto;
  @ApiProperty({ type: BalanceDto, nullable: true, description: 'the balance on effectiveOn once applied' }) after: BalanceDto | null;
  @ApiProperty({ type: [RelaxationDto] }) relaxations: RelaxationDto[];
  @ApiProperty({ type: SolverDto }) solver: SolverDto;
  @ApiProperty({ description: 'SHA-256 of the inputs (hex)' }) inputsHash: string;
  @ApiProperty({ type: [SelectionProbabilityDto], nullable: true }) selectionProbabilities: SelectionProbabilityDto[] | null;
  @ApiProperty({ type: Number, nullable: true, description: 'changes (leavers and joiners) the plan makes' }) changes: number | null;
  @ApiProperty({ type: Number, nullable: true, description: 'with a lottery: the least chance of a candidate some best plan can take' }) maximin: number | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) appliedAt: string | null;
}

export class RotationPlanPageDto {
  @ApiProperty({ type: [RotationPlanDto] }) items: RotationPlanDto[];
  @ApiProperty({ type: String, nullable: true }) nextCursor: string | null;
}
