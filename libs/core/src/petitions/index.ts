export * from './petition-states';
export * from './petition-rules';
export * from './signer-email';
