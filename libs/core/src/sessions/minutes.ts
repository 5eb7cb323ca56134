import { mdInline, mdQuote } from '../markdown';
import { Lang } from '../polls/explain';

/** One event of the session's log, as the minutes read it. */
export interface MinutesEvent {
  seq: number;
  type: string;
  at: string;
  payload: Record<string, unknown>;
}

export interface MinutesInput {
  session: { id: string; title: string; kind: string; scheduledAt: string; startedAt: string | null; closedAt: string | null };
  items: { id: string; position: number; title: string; proposalId: string | null; minutes: number }[];
  events: MinutesEvent[];
  /** membershipId → full name */
  names: Record<string, string>;
  /** membershipId → working group name, for time per group */
  groups: Record<string, string>;
  polls: { pollId: string; question: string; secret: boolean; explanation: string | null; outcome: string | null }[];
  opinions: { pollId: string; authorName: string; position: string; body: string; signatures: number }[];
  /** The proxies given for the sitting or one of its polls (Proxy voting), oldest first; absent: none. */
  proxies?: MinutesProxy[];
}

export interface MinutesProxy {
  delegatorName: string;
  delegateName: string;
  /** null for a proxy for the whole sitting; the poll's question for a proxy for one poll. */
  pollQuestion: string | null;
  status: 'active' | 'revoked';
}

export interface MinutesItem {
  position: number;
  title: string;
  proposalId: string | null;
  allowanceSeconds: number;
  spokenSeconds: number;
  speakers: { membershipId: string; name: string; kind: string; seconds: number }[];
  secondsByGroup: Record<string, number>;
  polls: { pollId: string; question: string; outcome: string | null; explanation: string | null }[];
  decision: { resolution: string; instruction: string | null } | null;
}

export interface Minutes {
  sessionId: string;
  title: string;
  kind: string;
  scheduledAt: string;
  startedAt: string | null;
  closedAt: string | null;
  attendance: { present: number; checkedIn: string[]; quorumMet: boolean | null };
  items: MinutesItem[];
  /** Polls taken outside any agenda item. */
  polls: MinutesItem['polls'];
  minorityOpinions: MinutesInput['opinions'];
  proxies: MinutesProxy[];
}

/** The minutes, computed from the session's event log alone (plus names and stored tallies). */
export function buildMinutes(input: MinutesInput): Minutes {
  const items = new Map<string, MinutesItem>();
  for (const i of [...input.items].sort((a, b) => a.position - b.position)) {
    items.set(i.id, { position: i.position, title: i.title, proposalId: i.proposalId, allowanceSeconds: i.minutes * 60, spokenSeconds: 0, speakers: [], secondsByGroup: {}, polls: [], decision: null });
  }
  const pollInfo = new Map(input.polls.map((p) => [p.pollId, p]));
  const loosePolls: MinutesItem['polls'] = [];
  const checkedIn: string[] = [];
  let present = 0;
  let quorumMet: boolean | null = null;
  let current: string | null = null;
  for (const e of [...input.events].sort((a, b) => a.seq - b.seq)) {
    const p = e.payload;
    switch (e.type) {
      case 'agenda.opened':
        current = String(p.itemId);
        break;
      case 'attendance.changed':
        present = Number(p.present ?? present);
        quorumMet = (p.quorumMet as boolean | null) ?? null;
        if (typeof p.membershipId === 'string') checkedIn.push(input.names[p.membershipId] ?? p.membershipId);
        break;
      case 'floor.ended': {
        const item = items.get(String(p.itemId ?? current));
        if (!item) break;
        const membershipId = String(p.membershipId);
        const seconds = Number(p.spokenSeconds ?? 0);
        item.speakers.push({ membershipId, name: input.names[membershipId] ?? membershipId, kind: String(p.kind ?? 'contribution'), seconds });
        item.spokenSeconds += seconds;
        const group = input.groups[membershipId] ?? '—';
        item.secondsByGroup[group] = (item.secondsByGroup[group] ?? 0) + seconds;
        break;
      }
      case 'poll.closed': {
        const info = pollInfo.get(String(p.pollId));
        const entry = { pollId: String(p.pollId), question: info?.question ?? '', outcome: info?.outcome ?? null, explanation: info?.explanation ?? null };
        const item = current ? items.get(current) : undefined;
        (item ? item.polls : loosePolls).push(entry);
        break;
      }
      case 'decision.recorded': {
        const item = items.get(String(p.itemId));
        if (item) item.decision = { resolution: String(p.resolution), instruction: (p.instruction as string | null) ?? null };
        break;
      }
    }
  }
  return {
    sessionId: input.session.id,
    title: input.session.title,
    kind: input.session.kind,
    scheduledAt: input.session.scheduledAt,
    startedAt: input.session.startedAt,
    closedAt: input.session.closedAt,
    attendance: { present, checkedIn, quorumMet },
    items: [...items.values()],
    polls: loosePolls,
    minorityOpinions: input.opinions,
    proxies: input.proxies ?? [],
  };
}

const WORDS: Record<Lang, Record<string, string>> = {
  en: {
    minutes: 'Minutes', scheduled: 'Scheduled', started: 'Opened', closed: 'Closed', attendance: 'Attendance', present: 'present',
    quorum: 'quorum', met: 'met', notMet: 'not met', none: 'no quorum rule', item: 'Item', allowance: 'time allowance', spoken: 'spoken',
    speakers: 'Speakers', polls: 'Polls', decision: 'Decision', instruction: 'Instruction', opinions: 'Minority opinions', signatures: 'co-signatures',
    byGroup: 'Time by working group', noneRecorded: 'none recorded', otherPolls: 'Other polls', plenary: 'plenary', working_group: 'working group',
    proxies: 'Proxies', proxyTo: 'gave a proxy to', forSitting: 'for the sitting', forPoll: 'for the poll', revoked: 'revoked',
  },
  ru: {
    minutes: 'Протокол', scheduled: 'Назначено', started: 'Открыто', closed: 'Закрыто', attendance: 'Присутствие', present: 'присутствуют',
    quorum: 'кворум', met: 'есть', notMet: 'нет', none: 'кворум не установлен', item: 'Вопрос', allowance: 'регламент', spoken: 'выступления',
    speakers: 'Выступающие', polls: 'Голосования', decision: 'Решение', instruction: 'Поручение', opinions: 'Особые мнения', signatures: 'подписей',
    byGroup: 'Время по рабочим группам', noneRecorded: 'не зафиксировано', otherPolls: 'Другие голосования', plenary: 'пленарное', working_group: 'рабочая группа',
    proxies: 'Доверенности', proxyTo: 'передал(а) голос', forSitting: 'на заседание', forPoll: 'на голосование', revoked: 'отозвана',
  },
  kk: {
    minutes: 'Хаттама', scheduled: 'Белгіленген', started: 'Ашылды', closed: 'Жабылды', attendance: 'Қатысу', present: 'қатысуда',
    quorum: 'кворум', met: 'бар', notMet: 'жоқ', none: 'кворум белгіленбеген', item: 'Мәселе', allowance: 'регламент', spoken: 'сөйледі',
    speakers: 'Сөйлеушілер', polls: 'Дауыс берулер', decision: 'Шешім', instruction: 'Тапсырма', opinions: 'Ерекше пікірлер', signatures: 'қолтаңба',
    byGroup: 'Жұмыс топтары бойынша уақыт', noneRecorded: 'тіркелмеген', otherPolls: 'Басқа дауыс берулер', plenary: 'пленарлық', working_group: 'жұмыс тобы',
    proxies: 'Сенімхаттар', proxyTo: 'дауысын тапсырды:', forSitting: 'отырысқа', forPoll: 'дауыс беруге', revoked: 'қайтарып алынды',
  },
};

const mmss = (s: number) => `${Math.floor(s / 60)}:${String(s % 60).padStart(2, '0')}`;

/**
 * The minutes in Markdown, in English, Russian or Kazakh. Every text that users wrote (titles,
 * names, questions, instructions, opinions) is escaped: single-line fields inline, multi-line
 * ones as block quotes, so none of it can add a heading, a list, a link or HTML to the minutes.
 */
export function minutesMarkdown(m: Minutes, lang: Lang = 'en'): string {
  const w = WORDS[lang];
  const t = mdInline;
  const out: string[] = [];
  out.push(`# ${w.minutes}: ${t(m.title)}`, '');
  out.push(`- ${w.scheduled}: ${t(m.scheduledAt)} (${t(w[m.kind] ?? m.kind)})`);
  if (m.startedAt) out.push(`- ${w.started}: ${t(m.startedAt)}`);
  if (m.closedAt) out.push(`- ${w.closed}: ${t(m.closedAt)}`);
  const q = m.attendance.quorumMet === null ? w.none : `${w.quorum}: ${m.attendance.quorumMet ? w.met : w.notMet}`;
  out.push('', `## ${w.attendance}`, '', `${m.attendance.present} ${w.present}; ${q}.`);
  if (m.attendance.checkedIn.length) out.push('', m.attendance.checkedIn.map((n) => `- ${t(n)}`).join('\n'));
  const pollLines = (polls: MinutesItem['polls']) => polls.map((p) => `- ${t(p.question)}: ${t(p.explanation ?? p.outcome ?? '')}`);
  for (const i of m.items) {
    out.push('', `## ${w.item} ${i.position}. ${t(i.title)}`, '', `${w.allowance} ${mmss(i.allowanceSeconds)}, ${w.spoken} ${mmss(i.spokenSeconds)}.`);
    out.push('', `### ${w.speakers}`, '');
    out.push(i.speakers.length ? i.speakers.map((s) => `- ${t(s.name)} (${t(s.kind)}): ${mmss(s.seconds)}`).join('\n') : `- ${w.noneRecorded}`);
    const groups = Object.entries(i.secondsByGroup);
    if (groups.length) out.push('', `${w.byGroup}:`, '', groups.map(([g, s]) => `- ${t(g)}: ${mmss(s)}`).join('\n'));
    if (i.polls.length) out.push('', `### ${w.polls}`, '', ...pollLines(i.polls));
    if (i.decision) {
      out.push('', `### ${w.decision}`, '', `**${t(i.decision.resolution)}**`);
      if (i.decision.instruction) out.push('', `${w.instruction}:`, '', mdQuote(i.decision.instruction));
    }
  }
  if (m.polls.length) out.push('', `## ${w.otherPolls}`, '', ...pollLines(m.polls));
  if (m.proxies.length) {
    out.push('', `## ${w.proxies}`, '');
    for (const x of m.proxies) {
      const scope = x.pollQuestion === null ? w.forSitting : `${w.forPoll} «${t(x.pollQuestion)}»`;
      out.push(`- ${t(x.delegatorName)} ${w.proxyTo} ${t(x.delegateName)}, ${scope}${x.status === 'revoked' ? ` (${w.revoked})` : ''}`);
    }
  }
  if (m.minorityOpinions.length) {
    out.push('', `## ${w.opinions}`);
    for (const o of m.minorityOpinions) out.push('', `- ${t(o.authorName)} (${t(o.position)}, ${o.signatures} ${w.signatures}):`, '', mdQuote(o.body, '  '));
  }
  return `${out.join('\n')}\n`;
}
