import fc from 'fast-check';
import { csv, csvCell, csvSafeText } from './csv';

interface Cell {
  value: string;
  quoted: boolean;
}

/** A strict RFC 4180 reader: CRLF ends a record, `""` is a quote inside a quoted cell; anything else malformed throws. */
function parse(text: string): Cell[][] {
  const rows: Cell[][] = [];
  let row: Cell[] = [];
  let i = 0;
  if (!text.endsWith('\r\n')) throw new Error('the last record must end with CRLF');
  while (i < text.length) {
    let value = '';
    let quoted = false;
    if (text[i] === '"') {
      quoted = true;
      i++;
      for (;;) {
        if (i >= text.length) throw new Error('unterminated quoted cell');
        if (text[i] === '"' && text[i + 1] === '"') {
          value += '"';
          i += 2;
        } else if (text[i] === '"') {
          i++;
          break;
        } else value += text[i++];
      }
    } else {
      while (i < text.length && text[i] !== ',' && text[i] !== '\r') {
        if (text[i] === '"' || text[i] === '\n') throw new Error(`${JSON.stringify(text[i])} in an unquoted cell`);
        value += text[i++];
      }
    }
    row.push({ value, quoted });
    if (text[i] === ',') i++;
    else if (text.startsWith('\r\n', i)) {
      rows.push(row);
      row = [];
      i += 2;
    } else throw new Error(`unexpected ${JSON.stringify(text[i])} after a cell`);
  }
  return rows;
}

const values = (rows: Cell[][]) => rows.map((r) => r.map((c) => c.value));

/** What a spreadsheet takes for the start of a formula (ASCII and full-width), tab and CR included. */
const FORMULA_CHAR = /^[=+\-@＝＋－＠]/u;
/**
 * An independent reading of the rule: would a spreadsheet see a formula at the start of this
 * cell, or of a piece of it that a `;`-splitting reader (Excel in ru and kk locales) cuts off
 * (such a reader also drops the quotes it finds there)?
 */
function formulaAt(piece: string, afterSemicolon: boolean): boolean {
  return /^[\t\r]/.test(piece) || FORMULA_CHAR.test(piece.replace(afterSemicolon ? /^[\s"]+/u : /^\s+/u, ''));
}
const startsFormula = (cell: string) => cell.split(';').some((piece, i) => formulaAt(piece, i > 0));

const HEADER = ['id', 'title', 'proposalId', 'responsibleAgency', 'deliverable', 'dueOn', 'stage', 'progress', 'legalActRef'];

describe('CSV export: examples', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', `"'+1+1"`],
    ['-2', `"'-2"`],
    ['@SUM(A1)', `"'@SUM(A1)"`],
    ['\tcmd', `"'\tcmd"`],
    ['\r=1', `"'\r=1"`],
    ['plain', '"plain"'],
    ['a,b', '"a,b"'],
    ['a;b', '"a;b"'],
    ['line\nbreak', '"line\nbreak"'],
    ['say "hi"', '"say ""hi"""'],
    ['  =1+1', `"'  =1+1"`],
    ['\n=cmd', `"'\n=cmd"`],
    ['\u00a0@x', `"'\u00a0@x"`],
    ['＝1+1', `"'＝1+1"`],
    ['\u3000＋1', `"'\u3000＋1"`],
    ['－1', `"'－1"`],
    ['＠x', `"'＠x"`],
    ['note;=cmd|"/c calc"!A1', `"note;'=cmd|""/c calc""!A1"`],
    ['note; "=x"', `"note;' ""=x"""`],
    ['a;\tb', `"a;'\tb"`],
    ['2026-01-31', '"2026-01-31"'],
    ["'quoted already", `"'quoted already"`],
    ['a - b = c', '"a - b = c"'],
  ])('writes %j as %j', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes null and undefined as empty cells and numbers as text, every data cell quoted', () => {
    expect(csv(['a', 'b', 'c'], [[null, undefined, 42]])).toBe('a,b,c\r\n"","","42"\r\n');
  });

  it('writes the header row exactly as the contract spells it', () => {
    expect(csv(HEADER, []).split('\r\n')[0]).toBe('id,title,proposalId,responsibleAgency,deliverable,dueOn,stage,progress,legalActRef');
  });

  it('refuses a header name that is not a plain identifier', () => {
    for (const bad of ['=x', 'a,b', 'a;b', 'a"b', '', ' id', '-x']) expect(() => csv([bad], [])).toThrow(/plain identifier/);
  });

  it('a hostile row stays in its columns and no cell or ;-piece of it reads as a formula', () => {
    const hostile = ['id-1', '=1+1;=2+2', 'p', 'Agency;@SUM(A1)', '-x,y', '2026-01-01', '+stage', 42, '\tref'];
    const [header, row] = values(parse(csv(HEADER, [hostile])));
    expect(header).toEqual(HEADER);
    expect(row).toHaveLength(HEADER.length);
    for (const cell of row) expect(startsFormula(cell)).toBe(false);
  });
});

describe('CSV export: properties', () => {
  // Text rich in the characters that matter: formula starters (ASCII and full-width), spaces, separators, quotes, line breaks.
  const unit = fc.oneof(
    { weight: 3, arbitrary: fc.constantFrom('=', '+', '-', '@', '＝', '＋', '－', '＠', '\t', '\r', '\n', ' ', '\u00a0', '\u3000', ';', ',', '"', "'", 'a', 'я', '1') },
    { weight: 1, arbitrary: fc.string({ unit: 'grapheme', minLength: 1, maxLength: 1 }) },
  );
  const text = fc.string({ unit, maxLength: 12 });
  const table = fc.integer({ min: 1, max: 4 }).chain((width) => fc.array(fc.array(text, { minLength: width, maxLength: width }), { maxLength: 5 }));
  const headerOf = (width: number) => Array.from({ length: width }, (_, i) => `h${i}`);

  it('any table reads back through an RFC 4180 parse as its guarded form, every data cell quoted', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const width = rows[0]?.length ?? 1;
        const back = parse(csv(headerOf(width), rows));
        expect(values(back)).toEqual([headerOf(width), ...rows.map((r) => r.map(csvSafeText))]);
        for (const r of back.slice(1)) for (const c of r) expect(c.quoted).toBe(true);
      }),
    );
  });

  it('no parsed cell, nor any piece of it after a ;, starts a formula', () => {
    fc.assert(
      fc.property(table, (rows) => {
        const back = values(parse(csv(headerOf(rows[0]?.length ?? 1), rows)));
        for (const r of back) for (const cell of r) expect(startsFormula(cell)).toBe(false);
      }),
    );
  });

  it('the guard only inserts quotes, and leaves text that starts no formula as it is', () => {
    fc.assert(
      fc.property(text, (s) => {
        const safe = csvSafeText(s);
        expect(safe.replace(/'/g, '')).toBe(s.replace(/'/g, ''));
        if (!startsFormula(s)) expect(safe).toBe(s);
        else expect(safe).not.toBe(s);
      }),
    );
  });

  it('guarding twice changes nothing more', () => {
    fc.assert(fc.property(text, (s) => expect(csvSafeText(csvSafeText(s))).toBe(csvSafeText(s))));
  });
});
