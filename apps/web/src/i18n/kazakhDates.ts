import { Lang, lacksDateData } from './locale';

/**
 * Kazakh dates where the browser has none (Debian's Chromium: see
 * `lacksDateData`). Only then, and only on a Kazakh page, the formatjs
 * Intl.DateTimeFormat polyfill is loaded in its own chunks, with Kazakh data
 * and the time zones; English and Russian pages never load it. The polyfill
 * replaces Intl.DateTimeFormat; it is used for Kazakh pages only and the
 * browser's own one is put back for the other languages (the polyfill has no
 * data for them).
 */
const native = Intl.DateTimeFormat;
const nativeToLocale = {
  toLocaleString: Date.prototype.toLocaleString,
  toLocaleDateString: Date.prototype.toLocaleDateString,
  toLocaleTimeString: Date.prototype.toLocaleTimeString,
};
let polyfill: typeof Intl.DateTimeFormat | undefined;
let lacking: boolean | undefined;

/** Whether a page in this language must wait for `loadKazakhDates` before it shows dates. */
export function needsKazakhDates(lang: Lang): boolean {
  if (lang !== 'kk' || polyfill) return false;
  lacking ??= lacksDateData('kk-KZ', native);
  return lacking;
}

type Polyfilled = typeof Intl.DateTimeFormat & { __setDefaultTimeZone?: (zone: string) => void };

/** Loads the polyfill once, with Kazakh data and the time zones, and keeps the user's time zone. */
export async function loadKazakhDates(): Promise<void> {
  if (polyfill) return;
  const zone = new native().resolvedOptions().timeZone;
  await import('@formatjs/intl-datetimeformat/polyfill-force.js');
  await Promise.all([
    import('@formatjs/intl-datetimeformat/locale-data/kk.js'),
    import('@formatjs/intl-datetimeformat/add-golden-tz.js'),
  ]);
  const loaded = Intl.DateTimeFormat as Polyfilled;
  try {
    if (zone) loaded.__setDefaultTimeZone?.(zone);
  } catch {
    // a zone outside the golden set: the polyfill's default (UTC) stays
  }
  polyfill = loaded;
  Object.assign(Date.prototype, nativeToLocale);
  Intl.DateTimeFormat = native;
}

/** Puts the Intl.DateTimeFormat for a language in place (the polyfill for Kazakh once loaded, else the browser's). */
export function datesFor(lang: Lang): void {
  Intl.DateTimeFormat = lang === 'kk' && polyfill ? polyfill : native;
}
