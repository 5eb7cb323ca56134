import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { PageQueryDto } from '@kenes/common';
import { IsOptional, IsString, IsUUID, Matches } from 'class-validator';

export class AuditQueryDto extends PageQueryDto {
  @ApiPropertyOptional({ description: 'Entries after this one: a chain position (seq) or an entry id.' })
  @IsOptional()
  @Matches(/^(\d{1,15}|[0-9a-fA-F]{8}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{4}-[0-9a-fA-F]{12})$/, {
    message: 'must be a chain position or an entry id',
  })
  after?: string;
}

export class AuditEntryDto {
  @ApiProperty({ format: 'uuid' }) id: string;
  @ApiProperty({ description: 'Position in the council chain, from 1' }) seq: number;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) councilId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) actorUserId: string | null;
  @ApiProperty({ example: 'membership.created' }) action: string;
  @ApiProperty({ example: 'membership' }) objectType: string;
  @ApiProperty({ nullable: true, type: String }) objectId: string | null;
  @ApiProperty({ description: 'Before/after summary of the change', type: 'object', additionalProperties: true })
  summary: Record<string, unknown>;
  @ApiProperty({ format: 'date-time' }) createdAt: string;
  @ApiProperty({ description: 'Lowercase hex SHA-256 of the previous entry (64 zeros for the first)' }) prevHash: string;
  @ApiProperty({ description: 'Lowercase hex SHA-256 over this entry and prevHash' }) hash: string;
}

export class AuditPageDto {
  @ApiProperty({ type: [AuditEntryDto] }) items: AuditEntryDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class AuditVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ description: 'Entries checked' }) entries: number;
  @ApiProperty({ type: String, format: 'uuid', nullable: true, description: 'Id of the first entry that does not verify; null when the chain is intact' })
  firstBrokenAt: string | null;
}

export class CheckpointDto {
  @ApiProperty({ format: 'uuid', description: 'The checkpointed head entry' }) entryId: string;
  @ApiProperty({ description: 'Its lowercase hex SHA-256 hash' }) hash: string;
  @ApiProperty({ format: 'date-time', description: 'When the checkpoint was made, exactly as signed' }) at: string;
  @ApiProperty({ description: 'base64 Ed25519 over the UTF-8 text kenes-checkpoint:v1:<councilId>:<entryId>:<hash>:<at>' }) signature: string;
}

export class CheckpointPageDto {
  @ApiProperty({ type: [CheckpointDto], description: 'Newest first' }) items: CheckpointDto[];
  @ApiProperty({ nullable: true, type: String }) nextCursor: string | null;
}

export class VerifyCheckpointDto {
  @ApiProperty({ format: 'uuid' })
  @IsUUID('all', { message: 'must be an entry id (UUID)' })
  entryId: string;

  @ApiProperty({ example: 'e3b0c44298fc1c149afbf4c8996fb92427ae41e4649b934ca495991b7852b855' })
  @Matches(/^[0-9a-f]{64}$/, { message: 'must be a lowercase hex SHA-256' })
  hash: string;

  @ApiProperty({ format: 'date-time', description: 'As published (the signature covers this exact text)' })
  @IsString()
  @Matches(/^\d{4}-\d{2}-\d{2}T\d{2}:\d{2}:\d{2}(\.\d{1,9})?Z$/, { message: 'must be an ISO-8601 UTC instant' })
  at: string;

  @ApiProperty({ description: 'base64 Ed25519 signature' })
  @IsString()
  @Matches(/^[A-Za-z0-9+/]{1,200}={0,2}$/, { message: 'must be base64' })
  signature: string;
}

export class CheckpointVerificationDto {
  @ApiProperty() ok: boolean;
  @ApiProperty({ nullable: true, type: String, enum: ['bad_signature', 'entry_missing', 'hash_differs', 'chain_broken'], description: 'Why it does not verify; null when ok' })
  reason: string | null;
}

export class AuditPublicKeyDto {
  @ApiProperty({ example: 'Ed25519' }) algorithm: 'Ed25519';
  @ApiProperty({ description: 'base64 of the raw 32-byte public key that verifies checkpoints' }) publicKey: string;
}
