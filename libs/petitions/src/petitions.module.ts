import { Module } from '@nestjs/common';
import { Environment } from '@kenes/common';
import { CouncilsModule } from '@kenes/councils';
import { ProposalsModule } from '@kenes/proposals';
import { PETITION_SIGNATURE_VERIFIERS } from './certificates/signature-verifier';
import { readTrustAnchors, WebCryptoSignatureVerifier } from './certificates/webcrypto-verifier';
import { ConfirmationPageController } from './confirmation-page.controller';
import { DisposableDomains } from './disposable-domains';
import { Mailer, MailerProvider } from './mail/mailer';
import { PetitionAccessService } from './petition-access.service';
import { PetitionsController } from './petitions.controller';
import { PetitionsRepository } from './petitions.repository';
import { PetitionsService } from './petitions.service';
import { PetitionsSweep } from './petitions.sweep';
import { PetitionRateLimiter } from './rate-limiter.service';
import { ReferralService } from './referral.service';
import { SignaturesService } from './signatures.service';
import { SignerKeys, SignerKeysProvider } from './signer-keys';

/**
 * The certificate verifiers: the built-in WebCrypto one over PETITION_TRUST_ANCHORS. A GOST verifier
 * (an NCANode service, say) is added here, before or after it: the first that accepts an algorithm verifies.
 */
const VerifiersProvider = {
  provide: PETITION_SIGNATURE_VERIFIERS,
  inject: [Environment],
  useFactory: (env: Environment) => (env.PETITION_TRUST_ANCHORS ? [new WebCryptoSignatureVerifier(readTrustAnchors(env.PETITION_TRUST_ANCHORS))] : []),
};

@Module({
  imports: [CouncilsModule, ProposalsModule],
  controllers: [PetitionsController, ConfirmationPageController],
  providers: [
    PetitionsRepository,
    PetitionAccessService,
    PetitionsService,
    SignaturesService,
    ReferralService,
    PetitionRateLimiter,
    PetitionsSweep,
    DisposableDomains,
    SignerKeysProvider,
    MailerProvider,
    VerifiersProvider,
  ],
  exports: [PetitionsService, PetitionsSweep, PetitionsRepository, ReferralService, SignaturesService, SignerKeys, Mailer, PETITION_SIGNATURE_VERIFIERS],
})
export class PetitionsModule {}
