import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useReducer, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
import { datesFor, loadKazakhDates, needsKazakhDates } from './kazakhDates';
import { CATALOGS, Lang, LOCALES, pickLang, STORAGE_KEY } from './locale';

interface LangState {
  lang: Lang;
  setLang: (lang: Lang) => void;
}

const LangContext = createContext<LangState>({ lang: 'en', setLang: () => undefined });

export const useLang = (): LangState => useContext(LangContext);

function stored(): string | null {
  try {
    return localStorage.getItem(STORAGE_KEY);
  } catch {
    return null;
  }
}

function keep(lang: Lang): void {
  try {
    localStorage.setItem(STORAGE_KEY, lang);
  } catch {
    // private mode: the choice lasts for this page only
  }
}

/** The first language of the page: `?lang=`, the kept one, the browser's, else English; a `?lang=` is kept. */
export function initialLang(): Lang {
  const lang = pickLang(window.location.search, stored(), navigator.languages ?? [navigator.language]);
  if (new URLSearchParams(window.location.search).has('lang')) keep(lang);
  return lang;
}

/**
 * The page's language for react-intl (ICU messages, Russian and Kazakh plural
 * rules from Intl) and react-aria (whose built-in strings have no Kazakh: it
 * falls back to its default, and our own labels are always passed in).
 */
export function LangProvider({ children }: { children: ReactNode }) {
  const [lang, setLangState] = useState<Lang>(initialLang);
  const setLang = useCallback((next: Lang) => {
    keep(next);
    setLangState(next);
    // A ?lang= in the address would choose again on reload: it follows the switch.
    const url = new URL(window.location.href);
    if (url.searchParams.has('lang')) {
      url.searchParams.set('lang', next);
      window.history.replaceState(window.history.state, '', url);
    }
  }, []);
  useEffect(() => {
    document.documentElement.lang = lang;
    // The server writes a proposal's first paint in the page's language too: it reads this (apps/api/src/web/first-paint).
    document.cookie = `kenes_lang=${lang}; Path=/; Max-Age=31536000; SameSite=Lax`;
  }, [lang]);
  // Kazakh in a browser without Kazakh dates: the page waits for the polyfill
  // (never a flash of "2026 M12 6"); should it fail to load, the page shows anyway.
  const [datesFailed, setDatesFailed] = useState(false);
  const [, datesLoaded] = useReducer((n: number) => n + 1, 0);
  const waiting = !datesFailed && needsKazakhDates(lang);
  useEffect(() => {
    if (!waiting) return;
    let live = true;
    loadKazakhDates().then(
      () => live && datesLoaded(),
      () => live && setDatesFailed(true),
    );
    return () => {
      live = false;
    };
  }, [waiting]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  if (waiting) return null;
  datesFor(lang);
  return (
    <LangContext.Provider value={value}>
      <IntlProvider locale={LOCALES[lang]} messages={CATALOGS[lang]} defaultLocale="en-GB">
        <I18nProvider locale={LOCALES[lang]}>{children}</I18nProvider>
      </IntlProvider>
    </LangContext.Provider>
  );
}
