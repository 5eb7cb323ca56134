import { PetitionSettings } from '@kenes/core';
import { PetitionDto } from './dto/petition.dto';
import { PetitionEntity } from './entities/petition.entity';

/** A petition as anyone who may see it sees it: never the author's email, never a signer. */
export const toPetitionDto = (p: PetitionEntity, settings: PetitionSettings | null): PetitionDto => ({
  id: p.id,
  councilId: p.councilId,
  createdAt: p.createdAt.toISOString(),
  title: p.title,
  summary: p.summary,
  body: p.body,
  authorName: p.authorName,
  status: p.status,
  signatures: p.signatures,
  agendaThreshold: p.agendaThreshold,
  responseThreshold: p.responseThreshold,
  publishedAt: p.publishedAt?.toISOString() ?? null,
  closesAt: p.closesAt?.toISOString() ?? null,
  proposalId: p.proposalId,
  responseDueOn: p.responseDueOn,
  response: p.response,
  resolution: p.resolution,
  rejectionReason: p.rejectionReason,
  verification: settings?.verification ?? [],
  updatedAt: p.updatedAt.toISOString(),
});
