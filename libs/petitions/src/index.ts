export * from './petitions.module';
export * from './certificates/signature-verifier';
export * from './mail/mail-requirement';
export * from './petitions.errors';
