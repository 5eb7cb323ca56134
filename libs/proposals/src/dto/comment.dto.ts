import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { Type } from 'class-transformer';
import { IsInt, IsOptional, IsString, IsUUID, MaxLength, Min, MinLength, ValidateNested } from 'class-validator';

export class AnchorDto {
  @ApiProperty({ minimum: 1 })
  @IsInt()
  @Min(1)
  version: number;

  @ApiProperty({ minimum: 0, description: 'first character (UTF-16 code units)' })
  @IsInt()
  @Min(0)
  start: number;

  @ApiProperty({ minimum: 1, description: 'one past the last character' })
  @IsInt()
  @Min(1)
  end: number;
}

export class CreateCommentDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body: string;

  @ApiPropertyOptional({ type: AnchorDto, nullable: true })
  @IsOptional()
  @ValidateNested()
  @Type(() => AnchorDto)
  anchor?: AnchorDto | null;

  @ApiPropertyOptional({ format: 'uuid', nullable: true })
  @IsOptional()
  @IsUUID()
  replyTo?: string | null;
}

export class CommentDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty({ format: 'uuid' }) authorMembershipId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: AnchorDto, nullable: true }) anchor: AnchorDto | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) replyTo: string | null;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class CommentPageDto {
  @ApiProperty({ type: [CommentDto] }) items: CommentDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
