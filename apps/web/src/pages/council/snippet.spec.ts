import { parseSnippet } from './snippet';

describe('parseSnippet', () => {
  it('splits text and marked matches, decoding the escaped characters', () => {
    expect(parseSnippet('Об <mark>отмене</mark> смертной казни &amp; &lt;b&gt;')).toEqual([
      { text: 'Об ', mark: false },
      { text: 'отмене', mark: true },
      { text: ' смертной казни & <b>', mark: false },
    ]);
  });

  it('keeps any other markup as literal text (never an element)', () => {
    const runs = parseSnippet('<img src=x onerror=alert(1)><mark><script>x</script></mark>');
    expect(runs).toEqual([
      { text: '<img src=x onerror=alert(1)>', mark: false },
      { text: '<script>x</script>', mark: true },
    ]);
  });

  it('decodes each entity once (no double decoding) and joins adjacent runs', () => {
    expect(parseSnippet('&amp;lt;<mark>a</mark><mark>b</mark>')).toEqual([
      { text: '&lt;', mark: false },
      { text: 'ab', mark: true },
    ]);
    expect(parseSnippet('')).toEqual([]);
  });
});
