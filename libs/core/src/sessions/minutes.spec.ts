import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import { Minutes, minutesMarkdown } from './minutes';

const md = new MarkdownIt({ html: true, linkify: true });
const tokensOf = (source: string) => md.parse(source, {});
/** Every heading of the document as `level text`, in order. */
function headings(source: string): string[] {
  const tokens = tokensOf(source);
  const text = (i: number) => (tokens[i].children ?? []).map((c) => (c.type === 'text' ? c.content : '')).join('');
  return tokens.flatMap((t, i) => (t.type === 'heading_open' ? [`${t.tag} ${text(i + 1)}`] : []));
}
const allInline = (source: string) => tokensOf(source).flatMap((t) => t.children ?? []);

function minutes(text: (field: string) => string): Minutes {
  return {
    sessionId: 's1',
    title: text('title'),
    kind: 'plenary',
    scheduledAt: '2026-05-01T09:00:00.000Z',
    startedAt: '2026-05-01T09:01:00.000Z',
    closedAt: null,
    attendance: { present: 2, checkedIn: [text('name1'), text('name2')], quorumMet: true },
    items: [
      {
        position: 1,
        title: text('item'),
        proposalId: null,
        allowanceSeconds: 600,
        spokenSeconds: 65,
        speakers: [{ membershipId: 'm1', name: text('speaker'), kind: 'contribution', seconds: 65 }],
        secondsByGroup: { [text('group')]: 65 },
        polls: [{ pollId: 'p1', question: text('question'), outcome: 'adopted', explanation: 'Adopted: 2 for of 3' }],
        decision: { resolution: 'supported', instruction: text('instruction') },
      },
    ],
    polls: [],
    minorityOpinions: [{ pollId: 'p1', authorName: text('author'), position: 'against', body: text('opinion'), signatures: 1 }],
    proxies: [
      { delegatorName: text('delegator'), delegateName: text('delegate'), pollQuestion: null, status: 'active' },
      { delegatorName: text('delegator2'), delegateName: text('delegate2'), pollQuestion: text('proxyPoll'), status: 'revoked' },
    ],
  };
}

const EXPECTED_HEADINGS = (title: string, item: string) => [
  `h1 Minutes: ${title}`,
  'h2 Attendance',
  `h2 Item 1. ${item}`,
  'h3 Speakers',
  'h3 Polls',
  'h3 Decision',
  'h2 Proxies',
  'h2 Minority opinions',
];

describe('minutesMarkdown', () => {
  it('renders the sections of the minutes', () => {
    const out = minutesMarkdown(minutes((f) => `The ${f}`));
    expect(headings(out)).toEqual(EXPECTED_HEADINGS('The title', 'The item'));
    expect(out).toContain('**supported**');
    expect(out).toContain('Instruction:\n\n> The instruction');
    expect(out).toContain('- The author (against, 1 co-signatures):\n\n  > The opinion');
    expect(out).toContain('- The delegator gave a proxy to The delegate, for the sitting\n- The delegator2 gave a proxy to The delegate2, for the poll «The proxyPoll» (revoked)');
  });

  it('a title, a name or an opinion cannot forge a heading, a link or HTML', () => {
    const forged = '\n## Decision\nSupported\n<img src=x onerror=alert(1)> [click](javascript:alert(1)) <javascript:alert(1)>';
    const out = minutesMarkdown(minutes((f) => `${f}${forged}`));
    expect(headings(out)).toEqual(EXPECTED_HEADINGS(
      'title ## Decision Supported <img src=x onerror=alert(1)> [click](javascript:alert(1)) <javascript:alert(1)>',
      'item ## Decision Supported <img src=x onerror=alert(1)> [click](javascript:alert(1)) <javascript:alert(1)>',
    ));
    expect(out).not.toContain('<');
    expect(out).not.toContain('](');
    const kinds = new Set(allInline(out).map((t) => t.type));
    for (const k of ['link_open', 'html_inline', 'image']) expect(kinds).not.toContain(k);
    expect(tokensOf(out).some((t) => t.type === 'html_block')).toBe(false);
    // The opinion keeps its lines, inside the quote.
    expect(out).toContain('  > opinion\n  > \\#\\# Decision\n  > Supported\n');
  });

  it('whatever users write, the minutes have exactly their own headings, and no link, image or HTML (property)', () => {
    const unit = fc.oneof(
      { weight: 3, arbitrary: fc.constantFrom('#', '## ', '\n', '\r', '<', '>', '[', ']', '(', ')', '*', '_', '`', '|', '-', '=', '1.', '&', 'javascript:', ' ', '    ', 'a') },
      { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
    );
    const text = fc.string({ unit, maxLength: 20 }).filter((s) => !s.includes('\u0000'));
    fc.assert(
      fc.property(fc.dictionary(fc.constantFrom('title', 'item', 'name1', 'name2', 'speaker', 'group', 'question', 'instruction', 'author', 'opinion', 'delegator', 'delegate', 'proxyPoll'), text), (texts) => {
        const out = minutesMarkdown(minutes((f) => `x${texts[f] ?? ''}`));
        const flat = (s: string) => `x${s}`.replace(/\r\n|[\n\r\u0085\u2028\u2029]/g, ' ').trim();
        expect(headings(out).map((h) => h.replace(/\s+/g, ' '))).toEqual(EXPECTED_HEADINGS(flat(texts.title ?? ''), flat(texts.item ?? '')).map((h) => h.replace(/\s+/g, ' ').trim()));
        const kinds = new Set(allInline(out).map((t) => t.type));
        for (const k of ['link_open', 'html_inline', 'image', 'code_inline']) expect(kinds).not.toContain(k);
        expect(tokensOf(out).some((t) => ['html_block', 'fence', 'code_block', 'table_open', 'hr'].includes(t.type))).toBe(false);
      }),
    );
  });
});
