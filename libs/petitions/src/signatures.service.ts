import { Inject, Injectable, Logger } from '@nestjs/common';
import { confirmationExpiresAt, isDisposableDomain, normaliseEmail, signingTextOf, takesSignatures } from '@kenes/core';
import { AuthUser, Batcher, conflict, Environment, invalidField, notFound } from '@kenes/common';
import { AuditSequencer } from '@kenes/audit';
import { UnitOfWork } from '@kenes/audit';
import { verifyPetitionSignature } from './certificates/certificate-signatures';
import { PETITION_SIGNATURE_VERIFIERS, PetitionSignatureVerifier, SignatureRefused } from './certificates/signature-verifier';
import { DisposableDomains } from './disposable-domains';
import { SignatureStatusDto, SignPetitionDto } from './dto/petition.dto';
import { Mailer } from './mail/mailer';
import { PetitionAccessService, PetitionContext } from './petition-access.service';
import { Lang } from './petition-i18n';
import { alreadySignedMail, confirmationMail } from './petition-mail';
import { PetitionsRepository } from './petitions.repository';
import { PetitionRateLimiter } from './rate-limiter.service';
import { ReferralService } from './referral.service';
import { newConfirmationToken, SignerKeys, tokenHashOf } from './signer-keys';
import { PetitionsError } from './petitions.errors';

/**
 * Signing. By email: a pending signature and a mailed link to a page whose
 * button confirms; the answer is the same whether or not the address signed
 * before (the mail differs, and only its owner reads it). By certificate: a
 * CMS signature over the signing text, validated at once. Either way the
 * signer is kept only as a keyed hash, and counts once.
 */
@Injectable()
export class SignaturesService {
  private readonly logger = new Logger(SignaturesService.name);

  constructor(
    private readonly uow: UnitOfWork,
    private readonly sequencer: AuditSequencer,
    private readonly repo: PetitionsRepository,
    private readonly access: PetitionAccessService,
    private readonly keys: SignerKeys,
    private readonly limiter: PetitionRateLimiter,
    private readonly referral: ReferralService,
    private readonly mailer: Mailer,
    private readonly disposable: DisposableDomains,
    private readonly env: Environment,
    @Inject(PETITION_SIGNATURE_VERIFIERS) private readonly verifiers: PetitionSignatureVerifier[],
  ) {}

  async sign(user: AuthUser | undefined, petitionId: string, dto: SignPetitionDto, clientAddress: string, lang: Lang = 'en'): Promise<SignatureStatusDto> {
    if (dto.method === 'email' && dto.email === undefined) throw invalidField('email', 'is required to sign by email');
    if (dto.method === 'email' && dto.signature !== undefined) throw invalidField('signature', 'is only for method certificate');
    if (dto.method === 'certificate' && dto.signature === undefined) throw invalidField('signature', 'is required to sign with a certificate');
    if (dto.method === 'certificate' && dto.email !== undefined) throw invalidField('email', 'is only for method email');
    const pc = await this.access.reach(user, petitionId);
    if (!takesSignatures(pc.petition.status) || (pc.petition.closesAt && pc.petition.closesAt <= new Date())) {
      throw conflict(PetitionsError.PetitionNotOpen, `This petition is ${pc.petition.status === 'open' ? 'closed' : pc.petition.status} and takes no signatures.`, { petitionStatus: pc.petition.status });
    }
    if (!(pc.council.petitions?.verification ?? []).includes(dto.method)) throw invalidField('method', `this council does not take ${dto.method} signatures`);
    const region = dto.region?.trim() || null;
    return dto.method === 'email' ? this.signByEmail(pc, dto.name, dto.email as string, region, clientAddress, lang) : this.signByCertificate(user, pc, dto.signature as string, region, clientAddress);
  }

  private async signByEmail(pc: PetitionContext, name: string, email: string, region: string | null, clientAddress: string, lang: Lang): Promise<SignatureStatusDto> {
    const address = normaliseEmail(email);
    if (!address) throw invalidField('email', 'must be an email address');
    if (isDisposableDomain(address.domain, this.disposable.domains)) throw invalidField('email', 'addresses of disposable mail services are not accepted');
    if (!this.mailer.canSend) throw conflict(PetitionsError.MailUnavailable, 'This server cannot send mail, so it cannot take email signatures.');
    await this.limiter.hit([
      { scope: 'address', key: clientAddress },
      { scope: 'domain', key: address.domain },
      { scope: 'signer', key: this.keys.rateKey(address.identity) },
    ]);
    const petition = pc.petition;
    const token = newConfirmationToken();
    const state = await this.repo.upsertPending({
      petitionId: petition.id,
      signerHash: this.keys.signer('email', address.identity),
      region,
      tokenHash: tokenHashOf(token),
      expiresAt: confirmationExpiresAt(new Date()),
    });
    const message = state === 'pending' ? confirmationMail(email.trim(), petition, name, this.confirmationLink(petition.id, token, lang), lang) : alreadySignedMail(email.trim(), petition, name, lang);
    // Sent after answering: the answer's timing does not depend on the mail server, nor on which message it is.
    void this.mailer.send(message).catch((err: unknown) => this.logger.warn(`petition mail not sent: ${String(err)}`));
    return { status: 'pending' };
  }

  private async signByCertificate(user: AuthUser | undefined, pc: PetitionContext, signature: string, region: string | null, clientAddress: string): Promise<SignatureStatusDto> {
    await this.limiter.hit([{ scope: 'address', key: clientAddress }]);
    const petition = pc.petition;
    let identity;
    try {
      identity = await verifyPetitionSignature(this.verifiers, Buffer.from(signingTextOf(petition), 'utf8'), signature);
    } catch (err) {
      if (err instanceof SignatureRefused) throw invalidField('signature', err.message);
      throw err;
    }
    const signerHash = this.keys.signer('certificate', identity.identity);
    await this.uow.run(async (tx) => {
      const inserted = await this.repo.insertValidated(tx.em, { petitionId: petition.id, signerHash, region });
      if (!inserted) return; // this person signed before: counted once, answered alike
      await tx.audit({
        councilId: petition.councilId,
        actorUserId: user?.id ?? null,
        action: 'petition.signature_validated',
        objectType: 'petition',
        objectId: petition.id,
        after: { signer: signerHash.toString('hex'), method: 'certificate', identityKind: identity.kind, region },
      });
      // The counters last: the petition's row stays locked only from here to the commit.
      const counted = await this.repo.count(tx.em, petition.id, region);
      if (!counted) throw conflict(PetitionsError.PetitionNotOpen, 'This petition no longer takes signatures.');
      await this.referral.afterCount(tx, counted);
    });
    return { status: 'validated' };
  }

  /** POST /signature-confirmations: the button of the confirmation page. A token works once, for 48 hours. */
  async confirm(token: string): Promise<SignatureStatusDto> {
    const tokenHash = tokenHashOf(token);
    if (await this.confirmations.submit(tokenHash)) return { status: 'validated' };
    const state = await this.repo.tokenState(tokenHash);
    if (state === 'validated') throw conflict(PetitionsError.TokenUsed, 'This confirmation link has been used already: the signature counts.');
    if (state === 'expired') throw conflict(PetitionsError.TokenExpired, 'This confirmation link has expired (48 hours); sign again to get a new one.');
    if (state === 'pending') throw conflict(PetitionsError.PetitionNotOpen, 'This petition closed before the signature was confirmed.');
    throw notFound('Confirmation');
  }

  /**
   * Confirmations arriving together share one statement: it validates them, writes their audit entries and
   * moves each petition's counters once, under its row lock. A step that would cross a threshold goes through
   * a transaction instead, where the thresholds are checked over the whole step (so a crossing is seen exactly
   * once) and the referral happens. A crowd confirming at once costs one round trip and commit per batch.
   */
  private readonly confirmations = new Batcher<Buffer, boolean>({
    maxBatch: 200,
    // Batches for one petition wait on its row lock in turn: two in flight keep one committing while the next fills.
    maxInFlight: 2,
    run: (hashes) => this.confirmBatch(hashes),
  });

  private async confirmBatch(hashes: readonly Buffer[]): Promise<boolean[]> {
    const fast = new Set((await this.repo.validateTokensBelowThresholds([...hashes])).map((h) => h.toString('hex')));
    if (fast.size) this.sequencer.kick();
    const rest = hashes.filter((h) => !fast.has(h.toString('hex')));
    const slow = rest.length ? await this.confirmInTransaction(rest) : [];
    return hashes.map((h) => fast.has(h.toString('hex')) || slow[rest.indexOf(h)] === true);
  }

  /** Confirmations whose step crosses a threshold (or that did not validate): one transaction, with the referral. */
  private async confirmInTransaction(hashes: readonly Buffer[]): Promise<boolean[]> {
    const validated = await this.uow.run(async (tx) => {
      const rows = await this.repo.validateTokens(tx.em, [...hashes]);
      const byPetition = new Map<string, { n: number; byRegion: Record<string, number> }>();
      for (const r of rows) {
        const p = byPetition.get(r.petitionId) ?? { n: 0, byRegion: {} };
        p.n += 1;
        if (r.region) p.byRegion[r.region] = (p.byRegion[r.region] ?? 0) + 1;
        byPetition.set(r.petitionId, p);
      }
      // Petitions in id order: concurrent batches lock them alike. Signed while open, a signature counts even if
      // the petition reached the agenda meanwhile (not once it expired or was withdrawn).
      for (const petitionId of [...byPetition.keys()].sort()) {
        const { n, byRegion } = byPetition.get(petitionId) as { n: number; byRegion: Record<string, number> };
        const counted = await this.repo.countMany(tx.em, petitionId, n, byRegion);
        if (!counted) throw conflict(PetitionsError.PetitionNotOpen, 'This petition closed before the signature was confirmed.');
        await this.referral.afterCount(tx, counted);
      }
      return rows;
    });
    const done = new Set(validated.map((r) => r.tokenHash.toString('hex')));
    return hashes.map((h) => done.has(h.toString('hex')));
  }

  private confirmationLink(petitionId: string, token: string, lang: Lang): string {
    const base = (this.env.PUBLIC_URL ?? `http://localhost:${this.env.PORT}`).replace(/\/+$/, '');
    // The token rides in the fragment: browsers never send it to a server, so no log, proxy or Referer sees it.
    return `${base}/petitions/${petitionId}/confirm?lang=${lang}#token=${token}`;
  }
}
