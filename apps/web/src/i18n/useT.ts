import { useIntl } from 'react-intl';
import type { MessageId } from './locale';

type Values = Record<string, string | number>;

/** t('id', {values}): a message of the page's language, checked against the English catalog's ids. */
export function useT(): (id: MessageId, values?: Values) => string {
  const intl = useIntl();
  return (id, values) => intl.formatMessage({ id }, values);
}
