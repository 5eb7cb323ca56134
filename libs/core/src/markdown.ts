/**
 * User text inside Markdown that we generate (minutes and the like): shown as text, never
 * read as Markdown or HTML. CommonMark and GitHub-flavoured readers alike see no heading, list,
 * quote, table, code, emphasis, link, image or raw HTML in it, whatever the user wrote.
 */

/** Line breaks, CommonMark's (LF, CR, CRLF) and the ones other readers honour. */
const LINE_BREAK = /\r\n|[\n\r\u0085\u2028\u2029]/;
const LINE_BREAKS = new RegExp(LINE_BREAK.source, 'g');
/** Punctuation with a meaning anywhere in a line: code, emphasis, strikethrough, links, images, tables, headings, math, escapes. */
const INLINE = /[\\`*_~[\]()#|!$]/g;
const HTML: Readonly<Record<string, string>> = { '&': '&amp;', '<': '&lt;', '>': '&gt;' };

/** One line of text, escaped; `line` holds no line break. */
function escapeLine(line: string): string {
  return (
    line
      // Leading whitespace would indent (code blocks, list continuation); trailing spaces would make a hard break.
      .trim()
      .replace(/[&<>]/g, (c) => HTML[c])
      .replace(INLINE, '\\$&')
      // What opens a block at the start of a line: list items (-, +, 1.), setext underlines (=, -).
      .replace(/^[-+=]/, '\\$&')
      .replace(/^(\d+)\./, '$1\\.')
  );
}

/**
 * A single-line field (a title, a name, a question) for use inside a line of Markdown: line
 * breaks become spaces, so it can never start a line of its own, and it is escaped.
 */
export function mdInline(text: string): string {
  return escapeLine(text.replace(LINE_BREAKS, ' '));
}

/**
 * A multi-line text (an opinion, an instruction) as a block quote: every line starts with `>`
 * (after `indent`, to nest it in a list item) and is escaped, so none of them can start a
 * heading, a list or anything else; blank lines keep the paragraphs apart inside the quote.
 * The caller leaves a blank line after it.
 */
export function mdQuote(text: string, indent = ''): string {
  const lines = text.split(LINE_BREAK).map(escapeLine);
  while (lines.length > 1 && lines[lines.length - 1] === '') lines.pop();
  while (lines.length > 1 && lines[0] === '') lines.shift();
  return lines.map((l) => (l === '' ? `${indent}>` : `${indent}> ${l}`)).join('\n');
}
