import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/**
 * The proposal pages' messages (`proposal.*`) live with them and load with
 * their chunk (the same pattern as the console's catalogs).
 */
export type ProposalMessageId = keyof typeof en;
export const PROPOSAL_CATALOGS: Record<Lang, Record<ProposalMessageId, string>> = { en, ru, kk };

/** The app's messages and the proposal pages', in the page's language. */
export function ProposalIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...PROPOSAL_CATALOGS[lang] }), [intl.messages, lang]);
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
