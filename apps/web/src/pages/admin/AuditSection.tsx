import { useState } from 'react';
import { FormattedDate } from 'react-intl';
import { api, unwrap } from '../../api/client';
import type { components } from '../../api/schema';
import { Section } from './forms';
import { useAT } from './i18n';

type Entry = components['schemas']['AuditEntryDto'];
type Verification = components['schemas']['AuditVerificationDto'];
const RECENT = 20;

/** The audit chain's check (GET …/audit/verify) in words, and its latest entries. */
export function AuditSection({ councilId }: { councilId: string }) {
  const t = useAT();
  const [busy, setBusy] = useState(false);
  const [result, setResult] = useState<{ v: Verification; at: string; n: number } | null>(null);
  const [entries, setEntries] = useState<Entry[]>([]);
  const [failed, setFailed] = useState<string | null>(null);
  const verify = async () => {
    setBusy(true);
    setFailed(null);
    try {
      const v = unwrap(await api.GET('/api/v1/councils/{councilId}/audit/verify', { params: { path: { councilId } } }));
      const page = unwrap(await api.GET('/api/v1/councils/{councilId}/audit', { params: { path: { councilId }, query: { after: String(Math.max(0, v.entries - RECENT)), limit: RECENT } } }));
      setEntries([...page.items].reverse());
      setResult({ v, at: new Date().toISOString(), n: (result?.n ?? 0) + 1 });
    } catch (e) {
      setFailed(e instanceof Error ? e.message : String(e));
    } finally {
      setBusy(false);
    }
  };
  const v = result?.v;
  return (
    <Section id="audit" title={t('admin.audit.title')}>
      <p>{t('admin.audit.intro')}</p>
      <button type="button" className="a-btn a-primary" aria-disabled={busy || undefined} onClick={() => !busy && void verify()}>
        {t('admin.audit.verify')}
      </button>
      <div role="status" className="a-verdict">
        {busy ? (
          <p>{t('admin.audit.verifying')}</p>
        ) : v ? (
          <p key={result.n} className={v.ok ? 'a-ok' : 'a-broken'}>
            <strong>{v.ok ? t('admin.audit.ok', { count: v.entries }) : t('admin.audit.broken', { count: v.entries, entry: v.firstBrokenAt ?? '' })}</strong>
          </p>
        ) : null}
      </div>
      <div role="alert">{failed && <p className="a-error">{failed}</p>}</div>
      {result && (
        <>
          <h3>{t('admin.audit.recent', { count: entries.length })}</h3>
          <ol className="a-entries" aria-label={t('admin.audit.recentName')}>
            {entries.map((e) => (
              <li key={e.id} className={v?.firstBrokenAt === e.id ? 'a-broken' : undefined}>
                <span className="a-seq">#{e.seq}</span> <FormattedDate value={e.createdAt} dateStyle="medium" timeStyle="medium" /> · <code>{e.action}</code> · {e.objectType}
                <span className="a-hash a-muted" title={e.hash}>
                  {' '}
                  {t('admin.audit.hash', { hash: e.hash.slice(0, 12) })}
                </span>
              </li>
            ))}
          </ol>
        </>
      )}
    </Section>
  );
}
