import { Link } from '@tanstack/react-router';
import { useAuth } from '../api/useAuth';
import { useT } from '../i18n/useT';

/** What a user may not see, or what does not exist: the same answer, never the data. */
export function NotFoundState() {
  const t = useT();
  const auth = useAuth();
  return (
    <section className="notfound">
      <h1>{t('notFound.title')}</h1>
      <p>{t('notFound.body')}</p>
      <p>
        <Link to="/">{t('notFound.home')}</Link>
        {!auth && (
          <>
            {' · '}
            <Link to="/login" search={{ redirect: window.location.pathname }}>
              {t('notFound.signIn')}
            </Link>
          </>
        )}
      </p>
    </section>
  );
}
