import { createIntl } from 'react-intl';
import { formatMessage } from '../../../../../libs/core/src/i18n/icu';
import { FIRST_PAINT_MESSAGES, proposalFirstPaint } from '../../../../api/src/web/first-paint/proposal-first-paint';
import appEn from '../../i18n/en.json';
import appKk from '../../i18n/kk.json';
import appRu from '../../i18n/ru.json';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/**
 * The server writes a proposal's first paint with the page's own messages
 * (apps/api/src/web/first-paint), formatted by the core's ICU subset; the
 * page formats them with react-intl. Both must say the same words, in every
 * language and for every number a plural turns on.
 */
const LANGS = [
  ['en', 'en-GB', { ...appEn, ...en }],
  ['ru', 'ru-RU', { ...appRu, ...ru }],
  ['kk', 'kk-KZ', { ...appKk, ...kk }],
] as const;

describe("the first paint's messages", () => {
  const statuses = Object.keys(en).filter((id) => id.startsWith('proposal.status.'));

  it.each(LANGS)('are formatted as react-intl formats them (%s)', (_lang, locale, messages) => {
    const intl = createIntl({ locale, messages: messages as Record<string, string>, defaultLocale: 'en-GB', onError: (e) => { throw e; } });
    const cases: [string, Record<string, string | number>][] = [...Object.entries(FIRST_PAINT_MESSAGES), ...statuses.map((id): [string, Record<string, string | number>] => [id, {}])];
    expect(cases.length).toBeGreaterThan(20);
    for (const [id, sample] of cases) {
      const message = (messages as Record<string, string>)[id];
      expect({ id, found: typeof message }).toEqual({ id, found: 'string' });
      const numbers = Object.keys(sample).some((k) => typeof sample[k] === 'number') ? [0, 1, 2, 3, 5, 11, 21, 22, 101, 500, 1000] : [null];
      for (const n of numbers) {
        const values: Record<string, string | number> = Object.fromEntries(Object.entries(sample).map(([k, v]): [string, string | number] => [k, typeof v === 'number' && n !== null ? n : v]));
        expect({ id, n, text: formatMessage(message, values, locale) }).toEqual({ id, n, text: intl.formatMessage({ id }, values) });
      }
    }
  });

  it('show the count the page shows in its comments heading, and the newest versions with their ids', () => {
    const p = { id: 'p-1', status: 'in_deliberation', version: 3, currentVersion: 3, title: 'T', summary: 'S', body: 'Body text here', authors: [{ fullName: 'A' }] };
    const comments = Array.from({ length: 50 }, (_, i) => ({ authorName: `M${i}`, body: `c${i}`, anchor: null }));
    const html = proposalFirstPaint(p, { items: comments, total: 120 }, 'ru');
    const intl = createIntl({ locale: 'ru-RU', messages: { ...appRu, ...ru } as Record<string, string>, defaultLocale: 'en-GB' });
    expect(html).toContain(`${intl.formatMessage({ id: 'proposal.comments' })} <span class="muted">(${intl.formatMessage({ id: 'proposal.comments.count' }, { count: 120 })})</span>`);
    // The first 50, as the page shows them at first.
    expect(html.match(/<li class="comment">/g)).toHaveLength(50);
    expect(html).toMatch(/<li id="version-3">.*<li id="version-2">.*<li id="version-1">/);
    // A reader shown an older version (an agency's representative) gets no list of versions they may not all read.
    expect(proposalFirstPaint({ ...p, version: 2 }, null, 'en')).not.toContain('id="version-');
  });
});
