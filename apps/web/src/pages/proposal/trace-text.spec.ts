import { createIntl } from 'react-intl';
import { CHOICES } from '../../../../../libs/core/src/polls/tally-rule';
import { ALL_PLAN_STAGES, DELIVERABLES } from '../../../../../libs/core/src/implementation/plan-stages';
import { AGENCY_POSITIONS, CONSULTATION_ASPECTS } from '../../../../../libs/core/src/proposals/consultation-status';
import { AUTOMATIC_CAUSES, PROPOSAL_STATUSES } from '../../../../../libs/core/src/proposals/proposal-states';
import { TRACE_KINDS, TraceKind } from '../../../../../libs/core/src/proposals/trace-kinds';
import appEn from '../../i18n/en.json';
import appKk from '../../i18n/kk.json';
import appRu from '../../i18n/ru.json';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';
import type { PT } from './i18n';
import type { TraceData, TraceEntry } from './rules';
import { traceText } from './trace-text';

const CATALOGS = { en: { ...appEn, ...en }, ru: { ...appRu, ...ru }, kk: { ...appKk, ...kk } } as Record<'en' | 'ru' | 'kk', Record<string, string>>;
const LOCALES = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' } as const;
type Lang = keyof typeof LOCALES;

/** The page's t() in a language; a message id missing from the catalogs fails the test. */
function tIn(lang: Lang): PT {
  const intl = createIntl({
    locale: LOCALES[lang],
    messages: CATALOGS[lang],
    defaultLocale: 'en-GB',
    onError: (e) => {
      throw e;
    },
  });
  return (id, values) => intl.formatMessage({ id }, values);
}

/** A line of each kind as the server writes it: its English summary and its data. */
const SAMPLES: Record<TraceKind, { summary: string; ref: string; data: TraceData }> = {
  created: { summary: 'Drafted in working group "Political": Abolish the death penalty', ref: 'proposal', data: { origin: 'working_group', groupName: 'Political', title: 'Abolish the death penalty' } },
  version: { summary: 'Version 2', ref: 'proposal_version', data: { version: 2 } },
  transition: { summary: 'in_deliberation → recommended (group poll adopted)', ref: 'proposal_transition', data: { from: 'in_deliberation', to: 'recommended', cause: 'group_poll_adopted', reason: 'group poll adopted' } },
  consultation_opened: { summary: 'Version 2 sent to Ministry of Justice (legal, economic), due 2026-12-20', ref: 'consultation', data: { version: 2, agencyName: 'Ministry of Justice', aspects: ['legal', 'economic'], dueAt: '2026-12-20T12:00:00.000Z' } },
  consultation_comment: { summary: 'Agency comment (legal, objects)', ref: 'consultation_comment', data: { authorKind: 'agency', aspect: 'legal', position: 'objects' } },
  consultation_answered: { summary: 'Final response: supports_with_conditions', ref: 'consultation', data: { position: 'supports_with_conditions' } },
  poll_closed: {
    summary: 'Adopted: 4 for, 1 against…',
    ref: 'poll',
    data: { question: 'Recommend it?', outcome: 'adopted', castingDecision: null, counts: { for: 4, against: 1, abstain: 0, block: 0, stand_aside: 0 } },
  },
  minority_opinion: { summary: 'Minority opinion filed (against)', ref: 'minority_opinion', data: { position: 'against' } },
  agenda_item: { summary: 'On the agenda of "Second sitting" (item 1)', ref: 'agenda_item', data: { sessionTitle: 'Second sitting', itemPosition: 1 } },
  decision: { summary: 'Chair\'s decision at "Second sitting": supported — Prepare the bill.', ref: 'agenda_item', data: { sessionTitle: 'Second sitting', resolution: 'supported', instruction: 'Prepare the bill.' } },
  plan_item: { summary: 'Plan item (draft_law): Amend the Criminal Code, due 2027-03-01', ref: 'plan_item', data: { title: 'Amend the Criminal Code', deliverable: 'draft_law', dueOn: '2027-03-01' } },
  plan_update: { summary: 'Amend the Criminal Code: planned → in_force (Law No 1) — Signed', ref: 'plan_item_update', data: { title: 'Amend the Criminal Code', from: 'planned', to: 'in_force', legalActRef: 'Law No 1', note: 'Signed' } },
};
const line = (kind: string, s: { summary: string; ref: string; data: TraceData | null }): TraceEntry => ({ at: '2026-12-06T10:00:00Z', kind, summary: s.summary, ref: { type: s.ref, id: 'id-1' }, data: s.data });

describe('the trace in the page’s language', () => {
  it('has words for every kind the server writes, in English, Russian and Kazakh', () => {
    for (const kind of TRACE_KINDS) {
      for (const catalog of [en, ru, kk] as Record<string, string>[]) expect({ kind, has: `proposal.trace.${kind}` in catalog }).toEqual({ kind, has: true });
    }
  });

  it('has words for every code a line carries: statuses, causes, aspects, positions, choices, outcomes, deliverables and stages', () => {
    const ids = [
      ...PROPOSAL_STATUSES.map((s) => `proposal.status.${s}`),
      ...AUTOMATIC_CAUSES.map((c) => `proposal.trace.cause.${c}`),
      ...CONSULTATION_ASPECTS.map((a) => `proposal.aspect.${a}`),
      ...AGENCY_POSITIONS.map((p) => `proposal.position.${p}`),
      ...CHOICES.map((c) => `choice.${c}`),
      ...['adopted', 'rejected', 'no_quorum', 'tied'].map((o) => `proposal.poll.outcome.${o}`),
      ...DELIVERABLES.map((d) => `proposal.deliverable.${d}`),
      ...ALL_PLAN_STAGES.map((s) => `proposal.stage.${s}`),
    ];
    for (const lang of ['en', 'ru', 'kk'] as const) for (const id of ids) expect({ lang, id, has: id in CATALOGS[lang] }).toEqual({ lang, id, has: true });
  });

  it('tells every kind from its data in each language, never with the English summary', () => {
    for (const lang of ['en', 'ru', 'kk'] as const) {
      const t = tIn(lang);
      for (const kind of TRACE_KINDS) {
        const told = traceText(t, line(kind, SAMPLES[kind]));
        expect({ lang, kind, detailLang: told.detailLang }).toEqual({ lang, kind, detailLang: null });
        expect(told.kind).toBe(kind);
        if (kind !== 'version') expect({ lang, kind, detail: typeof told.detail }).toEqual({ lang, kind, detail: 'string' });
        expect(told.detail ?? '').not.toContain(SAMPLES[kind].summary);
        if (lang !== 'en') {
          // Russian and Kazakh throughout: the sentence and the words around the council's own names.
          expect({ lang, kind, sentence: /[а-яёәғқңөұүһі]/i.test(told.sentence) }).toEqual({ lang, kind, sentence: true });
          if (told.detail) expect({ lang, kind, detail: /[а-яёәғқңөұүһі]/i.test(told.detail) }).toEqual({ lang, kind, detail: true });
        }
      }
    }
  });

  it('reads as Russian and Kazakh sentences with the codes in words', () => {
    const ru = tIn('ru');
    const kk = tIn('kk');
    expect(traceText(ru, line('transition', SAMPLES.transition))).toMatchObject({ sentence: 'Переход из «На обсуждении» в «Рекомендовано»', detail: 'Рабочая группа проголосовала «за»' });
    expect(traceText(ru, line('consultation_opened', SAMPLES.consultation_opened)).detail).toMatch(/^Версия 2 направлена: Ministry of Justice \(Правовой, Экономический\), срок — .*2026/);
    expect(traceText(kk, line('consultation_opened', SAMPLES.consultation_opened)).detail).toMatch(/^2-нұсқа жіберілді: Ministry of Justice \(Құқықтық, Экономикалық\), мерзімі — /);
    expect(traceText(ru, line('consultation_answered', SAMPLES.consultation_answered)).detail).toBe('Итоговый ответ: Поддерживает с условиями');
    expect(traceText(ru, line('poll_closed', SAMPLES.poll_closed)).detail).toBe('«Recommend it?»: Принято. За — 4, против — 1, воздержались — 0.');
    expect(traceText(kk, line('minority_opinion', SAMPLES.minority_opinion)).detail).toBe('«Қарсы» ұстанымын қорғайды');
    expect(traceText(ru, line('decision', SAMPLES.decision)).detail).toBe('На заседании «Second sitting»: Поддержано. Поручение: Prepare the bill.');
    expect(traceText(kk, line('plan_update', SAMPLES.plan_update)).detail).toBe('Amend the Criminal Code: «Жоспарланған» кезеңінен «Күшіне енген» кезеңіне (Law No 1) — Signed');
    expect(traceText(ru, line('created', { summary: 'Petition…', ref: 'petition', data: { origin: 'petition', title: 'Parks', authorName: 'Aigerim', signatures: 3, agendaThreshold: 3 } }))).toMatchObject({
      sentence: 'Создано из петиции',
      detail: 'Петиция «Parks», автор — Aigerim (порог для повестки — 3): 3 подтверждённые подписи',
      link: { kind: 'page', href: '/petitions/id-1' },
    });
  });

  it('keeps a requested move’s reason and says nothing more of a move the server made without data', () => {
    const ru = tIn('ru');
    expect(traceText(ru, line('transition', { summary: 'draft → withdrawn: merged', ref: 'proposal_transition', data: { from: 'draft', to: 'withdrawn', cause: null, reason: 'merged' } })).detail).toBe('Причина: merged');
    expect(traceText(ru, line('transition', { summary: 'draft → in_deliberation', ref: 'proposal_transition', data: { from: 'draft', to: 'in_deliberation', cause: null, reason: null } })).detail).toBeNull();
  });

  it('falls back to the English summary only for a kind it does not know, or a line written before the server recorded data', () => {
    const ru = tIn('ru');
    expect(traceText(ru, line('petition_answered', { summary: 'The council answered the petition', ref: 'petition', data: { title: 'x' } }))).toMatchObject({
      kind: 'other',
      sentence: 'Событие',
      detail: 'The council answered the petition',
      detailLang: 'en',
    });
    expect(traceText(ru, line('consultation_opened', { ...SAMPLES.consultation_opened, data: null }))).toMatchObject({ detail: SAMPLES.consultation_opened.summary, detailLang: 'en' });
    // An older move still reads its statuses from the summary; only its English cause stays English.
    expect(traceText(ru, line('transition', { summary: 'draft → in_consultation (consultation opened)', ref: 'proposal_transition', data: null }))).toMatchObject({
      sentence: 'Переход из «Черновик» в «На консультации»',
      detail: 'consultation opened',
      detailLang: 'en',
    });
    expect(traceText(ru, line('version', { summary: 'Version 3', ref: 'proposal_version', data: null }))).toMatchObject({ sentence: 'Написана версия 3', detail: null });
  });
});
