import { Environment } from '@kenes/common';
import { BallotCrypto } from './ballot-crypto';

/**
 * One BallotCrypto per app, keyed from BALLOT_KEY. JWT_SECRET is passed only
 * to read choices sealed before BALLOT_KEY existed (format v1).
 */
export const BallotCryptoProvider = {
  provide: BallotCrypto,
  inject: [Environment],
  useFactory: (env: Environment) => {
    if (!env.BALLOT_KEY) throw new Error('BALLOT_KEY is not set (it is generated under KENES_HOME outside production)');
    return new BallotCrypto(env.BALLOT_KEY, env.JWT_SECRET ?? null);
  },
};
