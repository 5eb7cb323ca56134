import type { LiveChoice } from '@kenes/contracts';

/**
 * Okabe–Ito colours (safe for the common colour-vision deficiencies), one per
 * choice; every bar also carries its label and count, so colour is never the
 * only cue.
 */
export const CHOICE_COLOURS: Record<LiveChoice, string> = {
  for: '#009E73',
  against: '#D55E00',
  abstain: '#56B4E9',
  block: '#CC79A7',
  stand_aside: '#E69F00',
};
