import en from './messages/en.json';
import type { PT } from './i18n';
import { TraceData, TraceEntry, traceWords, TraceWords } from './rules';

/**
 * A trace line in the page's language: its sentence (what happened) and its
 * detail (the facts), both told from the line's kind and data with the page's
 * messages. The server's summary is English; it is shown (marked lang="en")
 * only where the page cannot tell the line itself: a kind it does not know, or
 * an older line written before the server recorded its data.
 */
export interface TraceText extends Pick<TraceWords, 'kind' | 'link'> {
  sentence: string;
  detail: string | null;
  /** 'en' when the detail is the server's English summary. */
  detailLang: 'en' | null;
}

type Id = keyof typeof en;
const known = (id: string): id is Id => id in en;

/** The ballot choices, whose words are the app's (`choice.*`). */
const CHOICES = ['for', 'against', 'abstain', 'block', 'stand_aside'];

/** A code (aspect, position, stage, …) in words, or the code itself when the page has no words for it. */
const named = (t: PT, prefix: string, code: string | null | undefined): string => {
  if (!code) return '';
  const id = `${prefix}${code}`;
  return known(id) || (prefix === 'choice.' && CHOICES.includes(code)) ? t(id as Id) : code;
};

const status = (t: PT, s: string | undefined) => named(t, 'proposal.status.', s);
const when = (iso: string) => Date.parse(iso);
/** A calendar date (YYYY-MM-DD) as an instant at its noon in UTC, so that every time zone shows the same day. */
const day = (date: string) => Date.parse(`${date}T12:00:00Z`);

/** The facts of a line with data, in the page's language; null when its data does not hold what its kind needs. */
function detailOf(t: PT, kind: TraceWords['kind'], d: TraceData): string | null {
  switch (kind) {
    case 'created':
      if (d.origin === 'petition') return t('proposal.trace.d.petition', { title: d.title ?? '', author: d.authorName ?? '', signatures: d.signatures ?? 0, threshold: d.agendaThreshold ?? 0 });
      return d.groupName !== undefined ? t('proposal.trace.d.created', { group: d.groupName, title: d.title ?? '' }) : null;
    case 'version':
      return d.version !== undefined ? '' : null;
    case 'transition':
      if (!d.from || !d.to) return null;
      if (d.cause) return known(`proposal.trace.cause.${d.cause}`) ? t(`proposal.trace.cause.${d.cause}` as Id) : d.cause;
      return d.reason ? t('proposal.trace.d.reason', { reason: d.reason }) : '';
    case 'consultation_opened':
      if (d.version === undefined || !d.agencyName || !d.dueAt) return null;
      return t('proposal.trace.d.consultation_opened', {
        version: d.version,
        agency: d.agencyName,
        aspects: (d.aspects ?? []).map((a) => named(t, 'proposal.aspect.', a)).join(', '),
        due: when(d.dueAt),
      });
    case 'consultation_comment':
      if (!d.aspect) return null;
      return d.authorKind === 'author'
        ? t('proposal.trace.d.reply', { aspect: named(t, 'proposal.aspect.', d.aspect) })
        : t('proposal.trace.d.comment', { aspect: named(t, 'proposal.aspect.', d.aspect), position: named(t, 'proposal.position.', d.position) || '—' });
    case 'consultation_answered':
      return d.position ? t('proposal.consultation.response', { position: named(t, 'proposal.position.', d.position) }) : null;
    case 'poll_closed': {
      if (!d.outcome || !d.counts) return null;
      const c = d.counts;
      const parts = [t('proposal.trace.d.poll', { question: d.question ?? '', outcome: named(t, 'proposal.poll.outcome.', d.outcome), for: c.for ?? 0, against: c.against ?? 0, abstain: c.abstain ?? 0 })];
      if (c.block || c.stand_aside) parts.push(t('proposal.trace.d.pollConsensus', { block: c.block ?? 0, standAside: c.stand_aside ?? 0 }));
      if (d.castingDecision) parts.push(t('proposal.trace.d.casting', { outcome: named(t, 'proposal.poll.outcome.', d.castingDecision) }));
      return parts.join(' ');
    }
    case 'minority_opinion':
      return d.position ? t('proposal.trace.d.opinion', { position: named(t, 'choice.', d.position) }) : null;
    case 'agenda_item':
      return d.sessionTitle !== undefined ? t('proposal.trace.d.agenda', { session: d.sessionTitle, item: d.itemPosition ?? 0 }) : null;
    case 'decision':
      if (d.sessionTitle === undefined || !d.resolution) return null;
      return d.instruction
        ? t('proposal.trace.d.decisionWith', { session: d.sessionTitle, resolution: status(t, d.resolution), instruction: d.instruction })
        : t('proposal.trace.d.decision', { session: d.sessionTitle, resolution: status(t, d.resolution) });
    case 'plan_item':
      if (!d.title || !d.dueOn) return null;
      return t('proposal.trace.d.plan_item', { title: d.title, deliverable: named(t, 'proposal.deliverable.', d.deliverable), due: day(d.dueOn) });
    case 'plan_update': {
      if (!d.title || !d.to) return null;
      const line = t('proposal.trace.d.plan_update', { title: d.title, from: named(t, 'proposal.stage.', d.from), to: named(t, 'proposal.stage.', d.to) });
      const act = d.legalActRef ? ` (${d.legalActRef})` : '';
      return d.note ? `${line}${act} — ${d.note}` : `${line}${act}`;
    }
    default:
      return null;
  }
}

/** The sentence of a line: what happened, from its kind (and the version or the statuses it names). */
function sentenceOf(t: PT, e: TraceEntry, w: TraceWords): string {
  if (w.kind === 'version' && w.version !== undefined) return t('proposal.trace.version', { version: w.version });
  if (w.kind === 'transition') return w.from && w.to ? t('proposal.trace.transition', { from: status(t, w.from), to: status(t, w.to) }) : t('proposal.trace.transitionPlain');
  if (w.kind === 'created' && e.ref.type === 'petition') return t('proposal.trace.createdFromPetition');
  return t(`proposal.trace.${w.kind}` as Id);
}

export function traceText(t: PT, e: TraceEntry): TraceText {
  const w = traceWords(e);
  const sentence = sentenceOf(t, e, w);
  const told = w.kind !== 'other' && e.data ? detailOf(t, w.kind, e.data) : null;
  if (told !== null) return { kind: w.kind, link: w.link, sentence, detail: told || null, detailLang: null };
  // Not told from data: a version or a move says all in its sentence (with the English cause of an older move); the rest keep the summary.
  if (w.kind === 'version') return { kind: w.kind, link: w.link, sentence, detail: null, detailLang: null };
  if (w.kind === 'transition') return { kind: w.kind, link: w.link, sentence, detail: w.why ?? null, detailLang: w.why ? 'en' : null };
  return { kind: w.kind, link: w.link, sentence, detail: e.summary || null, detailLang: e.summary ? 'en' : null };
}
