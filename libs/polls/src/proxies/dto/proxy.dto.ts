import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, IsUUID, MaxLength } from 'class-validator';

export class CreateProxyDto {
  @ApiProperty({ format: 'uuid', description: 'the member who will vote for you (a member with a vote in this council)' })
  @IsUUID()
  delegateMembershipId: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'a sitting: the proxy covers its polls (exactly one of sessionId, pollId)' })
  @IsOptional()
  @IsUUID()
  sessionId?: string;

  @ApiPropertyOptional({ format: 'uuid', description: 'one poll, while it is a draft (exactly one of sessionId, pollId)' })
  @IsOptional()
  @IsUUID()
  pollId?: string;

  @ApiPropertyOptional({ maxLength: 2000, nullable: true, description: 'what you ask the delegate to do (not binding)' })
  @IsOptional()
  @IsString()
  @MaxLength(2000)
  instruction?: string | null;
}

export class ProxyDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) delegatorMembershipId: string;
  @ApiProperty({ format: 'uuid' }) delegateMembershipId: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) pollId: string | null;
  @ApiProperty({ nullable: true, type: String }) instruction: string | null;
  @ApiProperty({
    enum: ['active', 'revoked', 'suspended'],
    description: 'for a poll that has opened, as fixed then: active (in force for it) or suspended (its delegator was present); else active or revoked',
  })
  status: string;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) revokedAt: string | null;
}

export class ProxyPageDto {
  @ApiProperty({ type: [ProxyDto] }) items: ProxyDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
