import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../i18n/LangProvider';
import type { Lang } from '../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/**
 * The rule builder's messages (`rules.*`): they load with the pages that
 * build or read a rule (the console, the poll pages), never with a member's
 * sitting view or the projector.
 */
export type RulesMessageId = keyof typeof en;
export const RULES_CATALOGS: Record<Lang, Record<RulesMessageId, string>> = { en, ru, kk };

/** The messages around it and the rule builder's, in the page's language. */
export function RulesIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...RULES_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

/** t('rules.…', {values}) inside RulesIntl. */
export function useRT(): (id: RulesMessageId, values?: Record<string, string | number>) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
