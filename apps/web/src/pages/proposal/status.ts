import type { PT } from './i18n';

/** A status in the page's language. */
export const statusName = (t: PT, s: string) => t(`proposal.status.${s}` as 'proposal.status.draft');
