import { ApiProperty, ApiPropertyOptional } from '@nestjs/swagger';
import { IsISO8601, IsOptional } from 'class-validator';
import { CHOICES } from '@kenes/core';

export class AgendaQueryDto {
  @ApiPropertyOptional({ format: 'date-time', description: "start of the caller's day (default: today 00:00 UTC): sittings scheduled from then" })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  from?: string;

  @ApiPropertyOptional({ format: 'date-time', description: "end of the caller's day (default: from + 24 hours): sittings scheduled before then" })
  @IsOptional()
  @IsISO8601({ strict: true }, { message: 'must be an ISO-8601 date-time' })
  to?: string;
}

export class AgendaPollDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) sessionId: string | null;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) workingGroupId: string | null;
  @ApiProperty() secret: boolean;
  @ApiProperty({ format: 'date-time', nullable: true, type: String }) openedAt: string | null;
  @ApiProperty({ description: 'whether a ballot of yours is in (cast by you or by your proxy)' }) voted: boolean;
}

export class AgendaConsultationDto {
  @ApiProperty({ format: 'uuid' }) consultationId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ format: 'uuid' }) agencyId: string;
  @ApiProperty({ format: 'uuid' }) proposalId: string;
  @ApiProperty() proposalTitle: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'date-time' }) dueAt: string;
  @ApiProperty({ enum: ['open', 'due_soon', 'overdue'], description: 'unanswered: open, due within 72 hours, or past due' }) urgency: 'open' | 'due_soon' | 'overdue';
}

export class AgendaSittingDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['plenary', 'working_group'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty({ enum: ['scheduled', 'live', 'paused'] }) state: string;
}

export class AgendaMinorityDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty() secret: boolean;
  @ApiProperty({ enum: ['adopted', 'rejected'] }) outcome: string;
  @ApiProperty({ enum: CHOICES, nullable: true, type: String, description: 'your ballot on a named poll; null on a secret one (your receipt proves it)' }) myChoice: string | null;
  @ApiProperty({ format: 'date-time' }) closedAt: string;
  @ApiProperty({ format: 'date-time', description: 'the end of the window for minority opinions' }) until: string;
  @ApiProperty({ description: 'opinions filed so far (you may co-sign one)' }) opinions: number;
  @ApiProperty({ description: 'whether you filed one already' }) filed: boolean;
}

export class AgendaModerationDto {
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty({ description: 'petitions submitted and not yet published or rejected' }) waiting: number;
  @ApiProperty({ format: 'date-time', description: 'when the longest-waiting one was submitted' }) oldestAt: string;
}

export class AgendaAcknowledgementDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty({ format: 'uuid' }) councilId: string;
  @ApiProperty() question: string;
  @ApiProperty({ format: 'uuid', nullable: true, type: String }) proposalId: string | null;
  @ApiProperty({ description: 'minority opinions on this poll not yet acknowledged' }) waiting: number;
  @ApiProperty({ format: 'date-time', description: 'when the longest-waiting one was filed' }) oldestAt: string;
}

export class AgendaDto {
  @ApiProperty({ format: 'date-time' }) at: string;
  @ApiProperty({ type: [AgendaPollDto], description: 'open polls you may vote in' }) polls: AgendaPollDto[];
  @ApiProperty({ type: [AgendaConsultationDto], description: "your agency's unanswered consultations, soonest due first (agency representatives)" }) consultations: AgendaConsultationDto[];
  @ApiProperty({ type: [AgendaSittingDto], description: 'sittings scheduled in the day asked for, and any running now' }) sittings: AgendaSittingDto[];
  @ApiProperty({ type: [AgendaMinorityDto], description: 'closed polls whose minority you may still join: named polls where your ballot differs from the outcome, secret polls you took part in; once you filed one, only while another is there to co-sign' })
  minorityOpinions: AgendaMinorityDto[];
  @ApiProperty({ type: [AgendaModerationDto], description: "petitions awaiting moderation, per council whose secretariat you are (empty for everyone else), the longest-waiting first" })
  petitionModeration: AgendaModerationDto[];
  @ApiProperty({ type: [AgendaAcknowledgementDto], description: "minority opinions awaiting acknowledgement, per poll, in councils whose secretariat you are (empty for everyone else), the longest-waiting first" })
  acknowledgements: AgendaAcknowledgementDto[];
}
