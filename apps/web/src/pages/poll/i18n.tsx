import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import { RULES_CATALOGS, RulesMessageId } from '../../rules/i18n';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/** The poll pages' messages (`poll.*`), loaded with their chunk, with the rule builder's (`rules.*`). */
export type PollMessageId = keyof typeof en;
export const POLL_CATALOGS: Record<Lang, Record<PollMessageId, string>> = { en, ru, kk };

/** The app's messages, the rule builder's and the poll pages', in the page's language. */
export function PollIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...RULES_CATALOGS[lang], ...POLL_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's, the rule builder's and the poll pages' ids. */
export function usePT(): (id: MessageId | RulesMessageId | PollMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
