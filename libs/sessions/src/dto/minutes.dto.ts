import { ApiProperty } from '@nestjs/swagger';

class MinutesSpeakerDto {
  @ApiProperty({ format: 'uuid' }) membershipId: string;
  @ApiProperty() name: string;
  @ApiProperty({ description: 'contribution, pro, contra, reply or point_of_order' }) kind: string;
  @ApiProperty({ type: 'integer' }) seconds: number;
}

class MinutesPollDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty() question: string;
  @ApiProperty({ type: String, nullable: true, enum: ['adopted', 'rejected', 'no_quorum', 'tied'] }) outcome: string | null;
  @ApiProperty({ type: String, nullable: true }) explanation: string | null;
}

class MinutesDecisionDto {
  @ApiProperty({ enum: ['supported', 'supported_with_changes', 'deferred', 'not_supported'] }) resolution: string;
  @ApiProperty({ type: String, nullable: true }) instruction: string | null;
}

class MinutesItemDto {
  @ApiProperty({ type: 'integer' }) position: number;
  @ApiProperty() title: string;
  @ApiProperty({ type: String, format: 'uuid', nullable: true }) proposalId: string | null;
  @ApiProperty({ type: 'integer' }) allowanceSeconds: number;
  @ApiProperty({ type: 'integer' }) spokenSeconds: number;
  @ApiProperty({ type: [MinutesSpeakerDto] }) speakers: MinutesSpeakerDto[];
  @ApiProperty({ type: 'object', additionalProperties: { type: 'integer' }, description: 'seconds spoken per working group name' })
  secondsByGroup: Record<string, number>;
  @ApiProperty({ type: [MinutesPollDto] }) polls: MinutesPollDto[];
  @ApiProperty({ type: MinutesDecisionDto, nullable: true }) decision: MinutesDecisionDto | null;
}

class MinutesAttendanceDto {
  @ApiProperty({ type: 'integer' }) present: number;
  @ApiProperty({ type: [String], description: 'membership ids checked in' }) checkedIn: string[];
  @ApiProperty({ type: Boolean, nullable: true, description: 'null when no quorum applies' }) quorumMet: boolean | null;
}

class MinutesOpinionDto {
  @ApiProperty({ format: 'uuid' }) pollId: string;
  @ApiProperty() authorName: string;
  @ApiProperty() position: string;
  @ApiProperty() body: string;
  @ApiProperty({ type: 'integer' }) signatures: number;
}

/** The minutes of a sitting, generated from its event log. */
export class MinutesDto {
  @ApiProperty({ format: 'uuid' }) sessionId: string;
  @ApiProperty() title: string;
  @ApiProperty({ enum: ['plenary', 'working_group'] }) kind: string;
  @ApiProperty({ format: 'date-time' }) scheduledAt: string;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) startedAt: string | null;
  @ApiProperty({ type: String, format: 'date-time', nullable: true }) closedAt: string | null;
  @ApiProperty({ type: MinutesAttendanceDto }) attendance: MinutesAttendanceDto;
  @ApiProperty({ type: [MinutesItemDto] }) items: MinutesItemDto[];
  @ApiProperty({ type: [MinutesPollDto], description: 'polls taken outside any agenda item' }) polls: MinutesPollDto[];
  @ApiProperty({ type: [MinutesOpinionDto] }) minorityOpinions: MinutesOpinionDto[];
}
