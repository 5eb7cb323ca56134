import fc from 'fast-check';
import MarkdownIt from 'markdown-it';
import type Token from 'markdown-it/lib/token.mjs';
import { mdInline, mdQuote } from './markdown';

/** A CommonMark reader with raw HTML and GFM tables and strikethrough on: whatever it would honour, the escaping must defuse. */
const md = new MarkdownIt({ html: true, linkify: false });
const blocks = (source: string) => md.parse(source, {});
const inlineKinds = (tokens: Token[]) => tokens.flatMap((t) => (t.children ?? []).map((c) => c.type));
/** The text a reader shows: text tokens joined, soft and hard breaks as line breaks. */
const shown = (tokens: Token[]) =>
  tokens
    .filter((t) => t.type === 'inline')
    .map((t) => (t.children ?? []).map((c) => (c.type === 'text' ? c.content : c.type.endsWith('break') ? '\n' : '')).join(''))
    .join('\n');
const BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;

// Text rich in what Markdown and HTML give a meaning to, and in line breaks of every kind.
const unit = fc.oneof(
  {
    weight: 4,
    arbitrary: fc.constantFrom(
      '#', '>', '<', '&', '[', ']', '(', ')', '*', '_', '`', '~', '|', '!', '\\', '-', '+', '=', '.', '1', ':', ';', '$', '"', "'",
      '\n', '\r', '\r\n', '\u2028', ' ', '    ', '\t', 'a', 'я', 'javascript:', 'http://x', '<script>', '&lt;', '&#60;', '## ', '1. ', '- ', '---', '===', '```',
    ),
  },
  { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
);
const text = fc.string({ unit, maxLength: 30 }).filter((s) => !s.includes('\u0000'));

describe('mdInline', () => {
  it.each([
    ['Plain title', 'Plain title'],
    ['A & B <script>alert(1)</script>', 'A &amp; B &lt;script&gt;alert\\(1\\)&lt;/script&gt;'],
    ['Budget\n## Decision\nSupported', 'Budget \\#\\# Decision Supported'],
    ['[click](javascript:alert(1))', '\\[click\\]\\(javascript:alert\\(1\\)\\)'],
    ['# heading', '\\# heading'],
    ['- item', '\\- item'],
    ['1. first', '1\\. first'],
    ['**bold** _it_ `code` ~~s~~ | t', '\\*\\*bold\\*\\* \\_it\\_ \\`code\\` \\~\\~s\\~\\~ \\| t'],
    ['  indented\r\nnext ', 'indented next'],
    ['100% = 1.5', '100% = 1.5'],
  ])('escapes %j as %j', (input, expected) => expect(mdInline(input)).toBe(expected));

  it('keeps ordinary prose in every language as it is', () => {
    for (const s of ['Abolition of the death penalty', 'Принято: 2 «за» из 3', 'Өлім жазасын жою', "The chair's decision, 2026-05-01."]) expect(mdInline(s)).toBe(s);
  });

  it('never holds a line break, a <, or a link to javascript: (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = mdInline(s);
        expect(out).not.toMatch(BREAK);
        expect(out).not.toContain('<');
        expect(out).not.toContain('](');
        expect(out).not.toMatch(/^\s*#/);
      }),
    );
  });

  it('reads back, inside a heading or a list item, as exactly the text with its line breaks flattened: nothing but text (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('# Minutes: ', '## Item 1. ', '- Speaker ', 'Said: '), (s, prefix) => {
        const tokens = blocks(`${prefix}${mdInline(s)}\n`);
        const opening = tokens.filter((t) => t.nesting === 1).map((t) => t.type);
        expect(opening).toEqual(prefix.startsWith('#') ? ['heading_open'] : prefix.startsWith('- ') ? ['bullet_list_open', 'list_item_open', 'paragraph_open'] : ['paragraph_open']);
        expect(inlineKinds(tokens).every((k) => k === 'text')).toBe(true);
        expect(shown(tokens).trim()).toBe(`${prefix.replace(/^#+ |^- /, '')}${s.split(BREAK).join(' ').trim()}`.trim());
      }),
    );
  });
});

describe('mdQuote', () => {
  it('quotes every line, and a forged heading or link stays text', () => {
    expect(mdQuote('Reasons\n## Decision\nSupported\n[x](javascript:alert(1))')).toBe(
      '> Reasons\n> \\#\\# Decision\n> Supported\n> \\[x\\]\\(javascript:alert\\(1\\)\\)',
    );
  });

  it('keeps paragraphs apart inside the quote, and nests in a list item with an indent', () => {
    expect(mdQuote('one\n\ntwo\n')).toBe('> one\n>\n> two');
    expect(mdQuote('one\ntwo', '  ')).toBe('  > one\n  > two');
  });

  it('never holds a line that does not start with > , a <, or a link to javascript: (property)', () => {
    fc.assert(
      fc.property(text, (s) => {
        const out = mdQuote(s);
        for (const line of out.split('\n')) expect(line).toMatch(/^>( |$)/);
        expect(out).not.toContain('<');
        expect(out).not.toContain('](');
        expect(out).not.toMatch(/^\s*#/m);
      }),
    );
  });

  it('reads back as one block quote of plain paragraphs holding exactly the lines of the text (property)', () => {
    fc.assert(
      fc.property(text, fc.constantFrom('', '  '), (s, indent) => {
        const source = indent ? `- Opinion:\n\n${mdQuote(s, indent)}\n` : `${mdQuote(s)}\n`;
        const tokens = blocks(source);
        const inside = tokens.slice(tokens.findIndex((t) => t.type === 'blockquote_open'));
        const kinds = new Set(inside.map((t) => t.type));
        for (const k of kinds) expect(['blockquote_open', 'blockquote_close', 'paragraph_open', 'paragraph_close', 'inline', 'list_item_close', 'bullet_list_close']).toContain(k);
        expect(inside.filter((t) => t.type === 'blockquote_open')).toHaveLength(1);
        expect(inlineKinds(inside).every((k) => k === 'text' || k === 'softbreak')).toBe(true);
        const lines = (x: string) => x.split(BREAK).map((l) => l.trim()).filter((l) => l !== '');
        expect(lines(shown(inside))).toEqual(lines(s));
      }),
    );
  });
});
