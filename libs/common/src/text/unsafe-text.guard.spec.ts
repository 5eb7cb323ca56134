import { findUnsafeInput, headerField } from './unsafe-text.guard';

describe('findUnsafeInput', () => {
  it('names a header by its canonical name', () => {
    expect(headerField('idempotency-key')).toBe('Idempotency-Key');
    expect(findUnsafeInput({ headers: { 'if-match': '"3\ud800"' } })).toEqual({ field: 'If-Match', message: expect.any(String) });
    expect(findUnsafeInput({ headers: { 'x-forwarded-for': ['1.2.3.4', 'a\u0000'] } })?.field).toBe('X-Forwarded-For.1');
  });

  it('checks path parameters, then the query, then headers, then the body', () => {
    expect(findUnsafeInput({ params: { id: 'a\u0000' }, query: { q: 'b\u0000' } })?.field).toBe('id');
    expect(findUnsafeInput({ query: { q: 'b\u0000' }, body: { reason: 'c\u0000' } })?.field).toBe('q');
    expect(findUnsafeInput({ query: {}, headers: { accept: 'text/plain' }, body: { items: [{ reason: 'ok' }, { reason: '\udfff' }] } })?.field).toBe('items.1.reason');
  });

  it('passes text that is only unusual: paired surrogates (emoji), Cyrillic, Kazakh, control characters other than NUL', () => {
    expect(findUnsafeInput({ query: { q: 'Қазақстан 🇰🇿' }, headers: { 'accept-language': 'kk' }, body: { reason: 'Кеңес\t\u0001 😀' } })).toBeNull();
  });
});
