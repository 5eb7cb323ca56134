import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../../i18n/LangProvider';
import type { Lang, MessageId } from '../../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/**
 * The console's messages (`console.*`) live with the console and load with
 * its chunk: a member's phone and the projector never download them (each of
 * those pages has a 150 KB script budget, and the app's own catalogs are in
 * every page's main bundle).
 */
export type ConsoleMessageId = keyof typeof en;
export const CONSOLE_CATALOGS: Record<Lang, Record<ConsoleMessageId, string>> = { en, ru, kk };

/** The app's messages and the console's, in the page's language. */
export function ConsoleIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...CONSOLE_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's ids and the console's, checked against the English catalogs. */
export function useCT(): (id: MessageId | ConsoleMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
