import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/**
 * The administration's messages (`admin.*`) live with its page and load with
 * its chunk: no other page downloads them.
 */
export type AdminMessageId = keyof typeof en;
export const ADMIN_CATALOGS: Record<Lang, Record<AdminMessageId, string>> = { en, ru, kk };

/** The app's messages and the administration's, in the page's language. */
export function AdminIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...ADMIN_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's ids and the administration's, checked against the English catalogs. */
export function useAT(): (id: MessageId | AdminMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
