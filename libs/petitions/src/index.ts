export * from './petitions.module';
export * from './certificates/signature-verifier';
