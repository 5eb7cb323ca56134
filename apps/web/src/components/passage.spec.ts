import { fieldSpan } from './passage';

describe('a passage picked in a text field', () => {
  it('is the same offsets in a text without carriage returns, whichever way it was picked', () => {
    expect(fieldSpan('Hello world', 6, 11)).toEqual({ start: 6, end: 11 });
    // Picked backwards (the caret before the anchor): the same span.
    expect(fieldSpan('Hello world', 11, 6)).toEqual({ start: 6, end: 11 });
  });

  it('maps back across \r\n line breaks, which the field counts as one character', () => {
    // The field shows "a\nbc\nd" for "a\r\nbc\r\nd": "bc" is 2..4 there, 3..5 in the text.
    const text = 'a\r\nbc\r\nd';
    const bc = fieldSpan(text, 2, 4)!;
    expect(text.slice(bc.start, bc.end)).toBe('bc');
    expect(fieldSpan(text, 5, 6)).toEqual({ start: 7, end: 8 });
    // A lone "\r" is one character in both.
    expect(fieldSpan('x\ry', 2, 3)).toEqual({ start: 2, end: 3 });
  });

  it('is nothing for white space or an empty pick, and stops at the end', () => {
    expect(fieldSpan('a  b', 1, 3)).toBeNull();
    expect(fieldSpan('ab', 1, 1)).toBeNull();
    expect(fieldSpan('ab', 0, 9)).toEqual({ start: 0, end: 2 });
  });
});
