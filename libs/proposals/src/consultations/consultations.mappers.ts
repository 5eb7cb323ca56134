import { consultationStatus } from '@kenes/core';
import { ConsultationCommentRow } from './consultations.repository';
import { ConsultationCommentDto, ConsultationDto } from './dto/consultation.dto';
import { ConsultationResponseEntity } from './entities/consultation-response.entity';
import { ConsultationEntity } from './entities/consultation.entity';

export const toConsultationDto = (c: ConsultationEntity, response: ConsultationResponseEntity | null, now: Date): ConsultationDto => ({
  id: c.id,
  proposalId: c.proposalId,
  councilId: c.councilId,
  agencyId: c.agencyId,
  version: c.version,
  aspects: c.aspects,
  question: c.question,
  dueAt: c.dueAt.toISOString(),
  status: consultationStatus(c, now),
  createdAt: c.createdAt.toISOString(),
  answeredAt: c.answeredAt ? c.answeredAt.toISOString() : null,
  response: response
    ? { id: response.id, membershipId: response.membershipId, position: response.position, body: response.body, createdAt: response.createdAt.toISOString() }
    : null,
});

export const toConsultationCommentDto = (c: ConsultationCommentRow): ConsultationCommentDto => ({
  id: c.id,
  consultationId: c.consultationId,
  authorMembershipId: c.authorMembershipId,
  authorName: c.authorName,
  authorKind: c.authorKind,
  aspect: c.aspect,
  position: c.position ?? null,
  body: c.body,
  anchor: c.anchorVersion === null ? null : { version: c.anchorVersion, start: c.anchorStart as number, end: c.anchorEnd as number },
  replyTo: c.replyToId ?? null,
  createdAt: new Date(c.createdAt).toISOString(),
});
