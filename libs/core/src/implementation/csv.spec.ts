import fc from 'fast-check';
import { csv, csvCell } from './csv';

/** A small RFC 4180 reader, to check that what is written reads back. */
function parse(text: string): string[][] {
  const rows: string[][] = [];
  let row: string[] = [];
  let cell = '';
  let quoted = false;
  for (let i = 0; i < text.length; i++) {
    const ch = text[i];
    if (quoted) {
      if (ch === '"' && text[i + 1] === '"') {
        cell += '"';
        i++;
      } else if (ch === '"') quoted = false;
      else cell += ch;
    } else if (ch === '"') quoted = true;
    else if (ch === ',') {
      row.push(cell);
      cell = '';
    } else if (ch === '\r' && text[i + 1] === '\n') {
      row.push(cell);
      rows.push(row);
      row = [];
      cell = '';
      i++;
    } else cell += ch;
  }
  return rows;
}

describe('CSV export', () => {
  it.each([
    ['=HYPERLINK("http://evil","x")', `"'=HYPERLINK(""http://evil"",""x"")"`],
    ['+1+1', "'+1+1"],
    ['-2', "'-2"],
    ['@SUM(A1)', "'@SUM(A1)"],
    ['\tcmd', "'\tcmd"],
    ['plain', 'plain'],
    ['a,b', '"a,b"'],
    ['line\nbreak', '"line\nbreak"'],
  ])('writes %p as %p', (value, expected) => {
    expect(csvCell(value)).toBe(expected);
  });

  it('writes null and undefined as empty cells, numbers as text', () => {
    expect(csv(['a', 'b', 'c'], [[null, undefined, 42]])).toBe('a,b,c\r\n,,42\r\n');
  });

  it('reads back every cell, with a leading quote only before formula characters (property)', () => {
    fc.assert(
      fc.property(fc.array(fc.array(fc.string(), { minLength: 1, maxLength: 4 }), { minLength: 1, maxLength: 5 }), (rows) => {
        const width = rows[0].length;
        const table = rows.map((r) => Array.from({ length: width }, (_, i) => r[i] ?? ''));
        const back = parse(csv(table[0].map((_, i) => `h${i}`), table));
        expect(back).toHaveLength(table.length + 1);
        table.forEach((r, i) =>
          r.forEach((cell, j) => {
            const expected = /^[=+\-@\t\r]/.test(cell) ? `'${cell}` : cell;
            expect(back[i + 1][j]).toBe(expected);
          }),
        );
      }),
    );
  });
});
