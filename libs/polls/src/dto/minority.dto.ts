import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsOptional, IsString, MaxLength, MinLength } from 'class-validator';

export class FileOpinionDto {
  @ApiProperty({ maxLength: 20000 })
  @IsString()
  @MinLength(1)
  @MaxLength(20_000)
  body: string;

  @ApiPropertyOptional({ description: "required on a secret poll: the ballot's receipt proves the position (and makes it public)" })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receipt?: string;
}

export class SignOpinionDto {
  @ApiPropertyOptional({ description: 'required on a secret poll' })
  @IsOptional()
  @IsString()
  @MaxLength(200)
  receipt?: string;
}

export class AcknowledgeDto {
  @ApiProperty({ maxLength: 5000 })
  @IsString()
  @MaxLength(5000)
  note: string;
}

export class SignatureDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty() fullName: string;
  @ApiProperty() position: string;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class AcknowledgementDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ format: 'uuid' }) byUserId: string;
  @ApiProperty() note: string;
}

export class MinorityOpinionDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty({ format: 'uuid' }) authorMembershipId: string;
  @ApiProperty() authorName: string;
  @ApiProperty({ description: "the position defended (the filer's ballot)" }) position: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: [SignatureDto] }) signatures: SignatureDto[];
  @ApiProperty({ type: AcknowledgementDto, nullable: true }) acknowledgement: AcknowledgementDto | null;
  @ApiProperty({ description: 'true once the window after closing has passed' }) frozen: boolean;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
}

export class MinorityOpinionPageDto {
  @ApiProperty({ type: [MinorityOpinionDto] }) items: MinorityOpinionDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}
