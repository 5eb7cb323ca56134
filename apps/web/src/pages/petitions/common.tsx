import { useId } from 'react';
import { useQuery } from '@tanstack/react-query';
import { useIntl } from 'react-intl';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../api/useAuth';
import type { components } from '../../api/schema';
import { PetitionsMessageId, usePT } from './i18n';

export type Petition = components['schemas']['PetitionDto'];
export type PetitionStatus = Petition['status'];

/** The states the public sees, in the order a petition goes through them. */
export const PUBLIC_STATUSES: PetitionStatus[] = ['open', 'referred', 'answered', 'expired', 'withdrawn'];

export const statusId = (s: PetitionStatus) => `petitions.status.${s}` as PetitionsMessageId;

/** Whether the signed-in user is the council's secretariat today (from GET /auth/me); false for a visitor. */
export function useIsSecretariat(councilId: string | undefined): { secretariat: boolean; loading: boolean } {
  const auth = useAuth();
  const me = useQuery({
    queryKey: ['auth', 'me', auth?.user.id],
    enabled: !!auth,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
  });
  const today = new Date().toISOString().slice(0, 10);
  const secretariat =
    !!councilId &&
    !!me.data?.memberships.some((m) => m.councilId === councilId && (m.roles as string[]).includes('secretariat') && m.startsOn <= today && (!m.endsOn || m.endsOn >= today));
  return { secretariat, loading: !!auth && me.isPending };
}

/** A labelled progress bar: the words say the numbers, the bar shows them (role progressbar, named by the words). */
export function Progress({ count, threshold, label }: { count: number; threshold: number; label: 'agenda' | 'response' }) {
  const t = usePT();
  const id = useId();
  const pct = threshold > 0 ? Math.min(100, (count / threshold) * 100) : 100;
  return (
    <div className="pet-progress">
      <span id={id}>{t(label === 'agenda' ? 'petitions.progress.agenda' : 'petitions.progress.response', { count, threshold })}</span>
      <div
        role="progressbar"
        aria-labelledby={id}
        aria-valuemin={0}
        aria-valuemax={threshold}
        aria-valuenow={Math.min(count, threshold)}
        aria-valuetext={t('petitions.progress.value', { count, threshold })}
        className="pet-bar"
      >
        <div className="pet-bar-fill" style={{ width: `${pct}%` }} />
      </div>
    </div>
  );
}

/** The count and the bars toward each threshold. */
export function Counts({ p }: { p: Petition }) {
  const t = usePT();
  return (
    <div className="pet-counts">
      <p className="pet-count">{t('petitions.count', { count: p.signatures })}</p>
      <Progress count={p.signatures} threshold={p.agendaThreshold} label="agenda" />
      {p.responseThreshold !== null && <Progress count={p.signatures} threshold={p.responseThreshold} label="response" />}
    </div>
  );
}

export function StatusBadge({ status }: { status: PetitionStatus }) {
  const t = usePT();
  return <span className={`pet-status pet-status-${status}`}>{t(statusId(status))}</span>;
}

/** A date (or a date-time) in words of the page's language. */
export function useDate(): (value: string) => string {
  const intl = useIntl();
  return (value) => intl.formatDate(value.length === 10 ? `${value}T12:00:00Z` : value, { dateStyle: 'long', ...(value.length === 10 ? { timeZone: 'UTC' } : {}) });
}
