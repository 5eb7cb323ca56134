import { createContext, ReactNode, useCallback, useContext, useEffect, useMemo, useState } from 'react';
import { I18nProvider } from 'react-aria-components';
import { IntlProvider } from 'react-intl';
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
  }, [lang]);
  const value = useMemo(() => ({ lang, setLang }), [lang, setLang]);
  return (
    <LangContext.Provider value={value}>
      <IntlProvider locale={LOCALES[lang]} messages={CATALOGS[lang]} defaultLocale="en-GB">
        <I18nProvider locale={LOCALES[lang]}>{children}</I18nProvider>
      </IntlProvider>
    </LangContext.Provider>
  );
}
