/**
 * The part of ICU MessageFormat that the web app's catalogs use, for the
 * pages the server writes itself (a proposal's first paint): `{name}`
 * arguments and `{name, plural, =0 {…} one {…} few {…} many {…} other {…}}`
 * with `#` for the number, plural categories from Intl.PluralRules. The web
 * app formats the same messages with react-intl; a web-unit spec
 * (apps/web/src/pages/proposal/first-paint-messages.spec.ts) holds this to
 * react-intl's answers for every message of the proposal page.
 *
 * Anything else (select, nested plurals with offsets, tags) throws: a message
 * the server cannot format is found by that spec, not shown half formatted.
 */
export type MessageValues = Record<string, string | number>;

interface Cursor {
  text: string;
  at: number;
}

/** The text up to the `}` that closes the `{` before `from`, or to the end of `text`. */
function parse(c: Cursor, values: MessageValues, locale: string, count: number | null, nested: boolean): string {
  let out = '';
  while (c.at < c.text.length) {
    const ch = c.text[c.at];
    if (ch === '}') {
      if (!nested) throw new Error(`unbalanced } at ${c.at} in ${JSON.stringify(c.text)}`);
      c.at++;
      return out;
    }
    if (ch === "'") {
      // ICU quoting: '' is a quote; '{…}' is literal text.
      if (c.text[c.at + 1] === "'") {
        out += "'";
        c.at += 2;
        continue;
      }
      const end = c.text.indexOf("'", c.at + 1);
      if (end > c.at + 1 && /[{}#]/.test(c.text[c.at + 1])) {
        out += c.text.slice(c.at + 1, end);
        c.at = end + 1;
        continue;
      }
      out += "'";
      c.at++;
      continue;
    }
    if (ch === '#' && count !== null) {
      out += new Intl.NumberFormat(locale).format(count);
      c.at++;
      continue;
    }
    if (ch === '{') {
      out += argument(c, values, locale);
      continue;
    }
    out += ch;
    c.at++;
  }
  if (nested) throw new Error(`unclosed { in ${JSON.stringify(c.text)}`);
  return out;
}

/** One `{…}` argument, the cursor on its `{`. */
function argument(c: Cursor, values: MessageValues, locale: string): string {
  const close = c.text.indexOf('}', c.at);
  const comma = c.text.indexOf(',', c.at);
  if (comma < 0 || (close >= 0 && close < comma)) {
    // {name}
    const name = c.text.slice(c.at + 1, close).trim();
    c.at = close + 1;
    if (!(name in values)) throw new Error(`no value for {${name}}`);
    // As react-intl: a plain {argument} is the value as it is (a number without grouping); only # in a plural is formatted.
    return String(values[name]);
  }
  const name = c.text.slice(c.at + 1, comma).trim();
  const second = c.text.indexOf(',', comma + 1);
  const kind = c.text.slice(comma + 1, second).trim();
  if (kind !== 'plural' || second < 0) throw new Error(`unsupported argument {${name}, ${kind}} in ${JSON.stringify(c.text)}`);
  const n = Number(values[name]);
  if (!(name in values) || !Number.isFinite(n)) throw new Error(`no number for {${name}, plural}`);
  c.at = second + 1;
  const category = new Intl.PluralRules(locale).select(n);
  let exact: string | null = null;
  let byCategory: string | null = null;
  let other: string | null = null;
  for (;;) {
    while (/\s/.test(c.text[c.at] ?? '')) c.at++;
    if (c.text[c.at] === '}') {
      c.at++;
      break;
    }
    const open = c.text.indexOf('{', c.at);
    if (open < 0) throw new Error(`a plural case without a message in ${JSON.stringify(c.text)}`);
    const selector = c.text.slice(c.at, open).trim();
    c.at = open + 1;
    const text = parse(c, values, locale, n, true);
    if (selector === 'other') other = text;
    if (selector === `=${n}`) exact ??= text;
    if (selector === category) byCategory ??= text;
  }
  if (other === null) throw new Error(`a plural without "other" in ${JSON.stringify(c.text)}`);
  // As ICU: an exact =n case first, then the number's plural category, then "other".
  return exact ?? byCategory ?? other;
}

/** `message` with its arguments filled in, in `locale` (a BCP 47 tag: its plural rules and digits). */
export function formatMessage(message: string, values: MessageValues, locale: string): string {
  return parse({ text: message, at: 0 }, values, locale, null, false);
}
