import { ReactNode, useEffect, useMemo, useRef, useState } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import { loadCatalog, loadedCatalog } from './messages/load';

/**
 * The proposal pages' messages (`proposal.*`) live with them: English with
 * their chunk, Russian and Kazakh fetched for a page in that language
 * (messages/load.ts).
 */
export type ProposalMessageId = keyof typeof en;

/** The app's messages and the proposal pages', in the page's language; until its first catalog is here, a loading line. */
export function ProposalIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const [, loaded] = useState(0);
  const [failed, setFailed] = useState<string | null>(null);
  // English when the language's catalog could not be fetched (offline, a new release's chunk gone), not a page that never shows.
  const ready = lang === 'en' || failed === lang ? en : loadedCatalog(lang);
  // While another language's catalog is fetched (the header's switch), the page stays as it was, not unmounted.
  const shown = useRef<Record<string, string> | undefined>(undefined);
  if (ready) shown.current = ready;
  const own = ready ?? shown.current;
  useEffect(() => {
    if (ready) return;
    let live = true;
    loadCatalog(lang as 'ru' | 'kk').then(
      () => live && loaded((n) => n + 1),
      () => live && setFailed(lang),
    );
    return () => {
      live = false;
    };
  }, [lang, ready]);
  const messages = useMemo(() => (own ? { ...(intl.messages as Record<string, string>), ...own } : null), [intl.messages, own]);
  if (!messages) return <p role="status">{intl.formatMessage({ id: 'home.loading' })}</p>;
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;
export type PT = (id: MessageId | ProposalMessageId, values?: Values) => string;

/** t('id', {values}) for the app's ids and the proposal pages', checked against the English catalogs. */
export function usePT(): PT {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
