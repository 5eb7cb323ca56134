import { useSyncExternalStore } from 'react';
import { getAuth, onAuthChange } from './auth';

/** The signed-in user's tokens and name, following sign-in, sign-out and refreshes (in this tab and others). */
export function useAuth() {
  return useSyncExternalStore(onAuthChange, getAuth, () => null);
}
