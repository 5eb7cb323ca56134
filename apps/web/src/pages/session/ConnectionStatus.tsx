import type { ConnectionState } from '../../live/useLiveSession';
import { useT } from '../../i18n/useT';

/** The live connection's state, announced politely when it changes. */
export function ConnectionStatus({ state }: { state: ConnectionState }) {
  const t = useT();
  return (
    <p role="status" className={`conn conn-${state}`}>
      <span aria-hidden="true" className="dot" />
      {t('live.connection', { state: t(`live.connection.${state}`) })}
    </p>
  );
}
