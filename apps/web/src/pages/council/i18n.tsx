import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/** The council page's messages (`council.*`), loaded with its chunk (as the console's are). */
export type CouncilMessageId = keyof typeof en;
export const COUNCIL_CATALOGS: Record<Lang, Record<CouncilMessageId, string>> = { en, ru, kk };

/** The app's messages and the council page's, in the page's language. */
export function CouncilIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...COUNCIL_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's ids and the council page's. */
export function useCouncilT(): (id: MessageId | CouncilMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
