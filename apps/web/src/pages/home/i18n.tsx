import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/** The start page's "what needs you now" messages (`homeAgenda.*`), loaded with its chunk (as the console's are). */
export type AgendaMessageId = keyof typeof en;
export const AGENDA_CATALOGS: Record<Lang, Record<AgendaMessageId, string>> = { en, ru, kk };

export function AgendaIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...AGENDA_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

export function useAgendaT(): (id: MessageId | AgendaMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
