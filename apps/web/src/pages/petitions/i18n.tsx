import { ReactNode, useMemo } from 'react';
import { IntlProvider, useIntl } from 'react-intl';
import { useLang } from '../../i18n/LangProvider';
import type { Lang, MessageId } from '../../i18n/locale';
import en from './messages/en.json';
import kk from './messages/kk.json';
import ru from './messages/ru.json';

/** The petitions pages' messages (`petitions.*`) load with their chunk, as the console's do. */
export type PetitionsMessageId = keyof typeof en;
export const PETITIONS_CATALOGS: Record<Lang, Record<PetitionsMessageId, string>> = { en, ru, kk };

/** The app's messages and the petitions pages', in the page's language. */
export function PetitionsIntl({ children }: { children: ReactNode }) {
  const intl = useIntl();
  const { lang } = useLang();
  const messages = useMemo(() => ({ ...intl.messages, ...PETITIONS_CATALOGS[lang] }), [intl.messages, lang]);
  return (
    <IntlProvider locale={intl.locale} messages={messages} defaultLocale="en-GB">
      {children}
    </IntlProvider>
  );
}

type Values = Record<string, string | number>;

/** t('id', {values}) for the app's ids and the petitions pages', checked against the English catalogs. */
export function usePT(): (id: MessageId | PetitionsMessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
