import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/** The page's messages (`implementation.*`) live with the page and load with its chunk, as the console's do. */
export type ImplementationMessageId = keyof typeof en;
export const IMPLEMENTATION_CATALOGS: Record<Lang, Record<ImplementationMessageId, string>> = { en, ru, kk };

/** The app's messages and the page's, in the page's language. */
export function ImplementationIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...IMPLEMENTATION_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's ids and the page's, checked against the English catalogs. */
export function useImT(): (id: MessageId | ImplementationMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
