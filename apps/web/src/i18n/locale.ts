import en from './en.json';
import kk from './kk.json';
import ru from './ru.json';

export const LANGS = ['en', 'ru', 'kk'] as const;
export type Lang = (typeof LANGS)[number];
export type MessageId = keyof typeof en;

export const CATALOGS: Record<Lang, Record<MessageId, string>> = { en, ru, kk };

/** Names of the languages, each in itself (the switch shows them so). */
export const LANG_NAMES: Record<Lang, string> = { en: 'English', ru: 'Русский', kk: 'Қазақша' };

/** The locale given to Intl and react-aria for a language. */
export const LOCALES: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

export const STORAGE_KEY = 'kenes.lang';

export const isLang = (v: unknown): v is Lang => typeof v === 'string' && (LANGS as readonly string[]).includes(v);

/**
 * The page's language: `?lang=` when it names one of ours, else the one kept
 * from an earlier visit, else the first of the browser's languages that is
 * ours, else English.
 */
export function pickLang(search: string, stored: string | null, browser: readonly string[]): Lang {
  const asked = new URLSearchParams(search).get('lang');
  if (isLang(asked)) return asked;
  if (isLang(stored)) return stored;
  for (const tag of browser) {
    const base = tag.toLowerCase().split('-')[0];
    if (isLang(base)) return base;
  }
  return 'en';
}

/** 6 December 2026, noon UTC: the date `lacksDateData` formats. */
const PROBE = Date.UTC(2026, 11, 6, 12);

/**
 * Whether this browser's Intl.DateTimeFormat has no date data for a locale:
 * Debian's Chromium ships ICU without Kazakh, and formats a Kazakh month as
 * "M12" ("2026 M12 6") instead of "желтоқсан". Asked for the month's name, a
 * browser with the data answers with a word in Cyrillic; one without answers
 * with a pattern like M12, a number, or a name in another script (a fallback
 * locale), or throws.
 */
export function lacksDateData(locale = LOCALES.kk, DateTimeFormat: typeof Intl.DateTimeFormat = Intl.DateTimeFormat): boolean {
  try {
    const month = new DateTimeFormat(locale, { month: 'long', timeZone: 'UTC' }).format(PROBE);
    return /M\d/.test(month) || !/[\u0400-\u04FF]/.test(month);
  } catch {
    return true;
  }
}
