import { useId, useState } from 'react';
import { useQuery, useQueryClient } from '@tanstack/react-query';
import { FormattedDate } from 'react-intl';
import { api, unwrap } from '../../api/client';
import type { Opinion, Poll } from './data';
import { usePT } from './i18n';
import { Choice, OpinionOffer, opinionOffer, Outcome } from './logic';
import { useAction } from './useAction';

interface Props {
  poll: Poll;
  outcome: Outcome;
  voterId: string | null;
  acknowledges: boolean;
  /** The receipt kept in this browser for this poll (it proves a secret ballot's position). */
  kept: string | null;
}

const positionId = (p: string) => (['for', 'against', 'abstain', 'block', 'stand_aside'].includes(p) ? (`choice.${p as Choice}` as const) : null);

/**
 * A closed poll's minority opinions: each with its author, the position it
 * defends, its co-signatures and the acknowledgement; filing and co-signing
 * offered only to what the API allows (voters in the minority, within the
 * window; on a secret poll with the receipt that proves the position), and
 * acknowledgement to the chair and the secretariat.
 */
export function Opinions({ poll, outcome, voterId, acknowledges, kept }: Props) {
  const t = usePT();
  const id = useId();
  const qc = useQueryClient();
  const key = ['poll', poll.id, 'opinions'];
  const list = useQuery({ queryKey: key, queryFn: async () => unwrap(await api.GET('/api/v1/polls/{pollId}/minority-opinions', { params: { path: { pollId: poll.id }, query: { limit: 200 } } })).items });
  const offer = opinionOffer({ outcome, secret: poll.secret, until: poll.minorityOpinionsUntil, now: new Date(), voterId, ballots: poll.ballots as { membershipId: string; choice: Choice }[] | null });
  const refresh = () => qc.invalidateQueries({ queryKey: key });
  const minorityOnly = (status: number) => (status === 403 ? t('poll.opinions.forbidden') : null);
  const may = offer.kind === 'offer' || offer.kind === 'secretOffer';
  return (
    <section className="card" aria-labelledby={`${id}-h`}>
      <h2 id={`${id}-h`}>{t('poll.opinions.title')}</h2>
      {poll.minorityOpinionsUntil && offer.kind !== 'noMinority' && (
        <p className="muted">
          {offer.kind === 'windowClosed' ? t('poll.opinions.windowClosed') : t('poll.opinions.until')} <FormattedDate value={poll.minorityOpinionsUntil} dateStyle="medium" timeStyle="short" />
        </p>
      )}
      <OfferNote offer={offer} />
      {list.isPending && <p role="status">{t('poll.loading')}</p>}
      {list.error && <p role="alert">{t('poll.error', { message: list.error.message })}</p>}
      {list.data?.length === 0 && <p>{t('poll.opinions.none')}</p>}
      {list.data && list.data.length > 0 && (
        <ul className="p-opinions">
          {list.data.map((o) => (
            <OpinionItem key={o.id} opinion={o} voterId={voterId} maySign={may} secret={poll.secret} kept={kept} acknowledges={acknowledges} onChange={refresh} explain={minorityOnly} />
          ))}
        </ul>
      )}
      {may && <FileForm pollId={poll.id} secret={poll.secret} kept={kept} onFiled={refresh} explain={minorityOnly} />}
    </section>
  );
}

function OfferNote({ offer }: { offer: OpinionOffer }) {
  const t = usePT();
  switch (offer.kind) {
    case 'majority':
      return <p className="p-note">{t('poll.opinions.majority')}</p>;
    case 'noMinority':
      return <p className="p-note">{t(offer.outcome === 'tied' ? 'poll.opinions.tied' : 'poll.opinions.noQuorum')}</p>;
    case 'notVoter':
      return <p className="p-note">{t('poll.opinions.notVoter')}</p>;
    case 'secretOffer':
      return <p className="p-note">{t('poll.opinions.secret')}</p>;
    default:
      return null;
  }
}

function ReceiptField({ value, onChange, label }: { value: string; onChange: (v: string) => void; label: string }) {
  const id = useId();
  return (
    <div className="m-field">
      <label htmlFor={id}>{label}</label>
      <textarea id={id} rows={2} spellCheck={false} value={value} onChange={(e) => onChange(e.target.value)} />
    </div>
  );
}

function FileForm({ pollId, secret, kept, onFiled, explain }: { pollId: string; secret: boolean; kept: string | null; onFiled: () => Promise<void>; explain: (s: number) => string | null }) {
  const t = usePT();
  const id = useId();
  const [body, setBody] = useState('');
  const [receipt, setReceipt] = useState(kept ?? '');
  const action = useAction(explain);
  return (
    <form
      className="p-file"
      aria-labelledby={`${id}-h`}
      onSubmit={(e) => {
        e.preventDefault();
        if (!body.trim()) return;
        void action.run(t('poll.opinions.file'), async () => {
          const o = unwrap(await api.POST('/api/v1/polls/{pollId}/minority-opinions', { params: { path: { pollId } }, body: { body: body.trim(), ...(secret ? { receipt: receipt.trim() } : {}) } }));
          setBody('');
          await onFiled();
          return o;
        }, () => t('poll.opinions.filed'));
      }}
    >
      <h3 id={`${id}-h`}>{t('poll.opinions.fileTitle')}</h3>
      <div className="m-field">
        <label htmlFor={`${id}-b`}>{t('poll.opinions.body')}</label>
        <textarea id={`${id}-b`} rows={4} maxLength={10000} value={body} onChange={(e) => setBody(e.target.value)} />
      </div>
      {secret && <ReceiptField value={receipt} onChange={setReceipt} label={t('poll.opinions.receipt')} />}
      <button type="submit" className="m-btn m-primary" disabled={action.busy || !body.trim() || (secret && !receipt.trim())}>
        {t('poll.opinions.file')}
      </button>
      {action.feedback}
    </form>
  );
}

function OpinionItem(props: { opinion: Opinion; voterId: string | null; maySign: boolean; secret: boolean; kept: string | null; acknowledges: boolean; onChange: () => Promise<void>; explain: (s: number) => string | null }) {
  const { opinion: o, voterId, maySign, secret, kept, acknowledges, onChange, explain } = props;
  const t = usePT();
  const id = useId();
  const [receipt, setReceipt] = useState(kept ?? '');
  const [note, setNote] = useState('');
  const sign = useAction(explain);
  const ack = useAction();
  const pos = positionId(o.position);
  const mine = o.authorMembershipId === voterId || o.signatures.some((s) => s.membershipId === voterId);
  return (
    <li className="p-opinion" aria-labelledby={`${id}-h`}>
      <h3 id={`${id}-h`}>{t('poll.opinions.by', { name: o.authorName, position: pos ? t(pos) : o.position })}</h3>
      <p className="p-body">{o.body}</p>
      <p>{t('poll.opinions.signatures', { count: o.signatures.length })}</p>
      {o.signatures.length > 0 && (
        <ul aria-label={t('poll.opinions.signaturesOf', { name: o.authorName })}>
          {o.signatures.map((s) => {
            const sp = positionId(s.position);
            return <li key={s.id}>{t('poll.opinions.signature', { name: s.fullName, position: sp ? t(sp) : s.position })}</li>;
          })}
        </ul>
      )}
      {o.acknowledgement ? (
        <p className="p-ack">
          {t('poll.opinions.acknowledged')} <FormattedDate value={o.acknowledgement.at} dateStyle="medium" />: {o.acknowledgement.note}
        </p>
      ) : (
        <p className="muted">{t('poll.opinions.notAcknowledged')}</p>
      )}
      {maySign && !mine && !o.frozen && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            void sign.run(t('poll.opinions.sign'), async () => {
              const s = unwrap(await api.POST('/api/v1/minority-opinions/{opinionId}/signatures', { params: { path: { opinionId: o.id } }, body: secret ? { receipt: receipt.trim() } : {} }));
              await onChange();
              return s;
            }, () => t('poll.opinions.signed'));
          }}
        >
          {secret && <ReceiptField value={receipt} onChange={setReceipt} label={t('poll.opinions.receipt')} />}
          <button type="submit" className="m-btn" aria-describedby={`${id}-h`} disabled={sign.busy || (secret && !receipt.trim())}>
            {t('poll.opinions.sign')}
          </button>
          {sign.feedback}
        </form>
      )}
      {acknowledges && !o.acknowledgement && (
        <form
          onSubmit={(e) => {
            e.preventDefault();
            if (!note.trim()) return;
            void ack.run(t('poll.opinions.acknowledge'), async () => {
              const a = unwrap(await api.POST('/api/v1/minority-opinions/{opinionId}/acknowledgement', { params: { path: { opinionId: o.id } }, body: { note: note.trim() } }));
              await onChange();
              return a;
            });
          }}
        >
          <div className="m-field">
            <label htmlFor={`${id}-n`}>{t('poll.opinions.note')}</label>
            <textarea id={`${id}-n`} rows={2} value={note} onChange={(e) => setNote(e.target.value)} />
          </div>
          <button type="submit" className="m-btn" aria-describedby={`${id}-h`} disabled={ack.busy || !note.trim()}>
            {t('poll.opinions.acknowledge')}
          </button>
          {ack.feedback}
        </form>
      )}
    </li>
  );
}
