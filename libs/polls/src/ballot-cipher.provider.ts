import { Environment } from '@kenes/common';
import { BallotCipher } from './receipts';

/** One cipher per app, keyed from its JWT_SECRET (keep that secret stable while secret polls are open). */
export const BallotCipherProvider = {
  provide: BallotCipher,
  inject: [Environment],
  useFactory: (env: Environment) => new BallotCipher(env.JWT_SECRET as string),
};
