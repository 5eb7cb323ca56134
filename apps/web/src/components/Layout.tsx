import { ReactNode, useEffect } from 'react';
import { Link, useNavigate, useRouterState } from '@tanstack/react-router';
import { signOut } from '../api/auth';
import { useAuth } from '../api/useAuth';
import { queryClient } from '../api/query';
import { useLang } from '../i18n/LangProvider';
import { LANG_NAMES, LANGS } from '../i18n/locale';
import { useT } from '../i18n/useT';
import { MainNav } from './MainNav';
import './mainnav.css';

/** Whether a page has been shown in this tab: after the first, a new page takes the focus (screen readers hear it). */
let shownBefore = false;

/** The page frame: a header with the app's name, the language switch and sign-out; one main region. */
export function Layout({ children, signInLink = true }: { children: ReactNode; signInLink?: boolean }) {
  const t = useT();
  const { lang, setLang } = useLang();
  const auth = useAuth();
  const navigate = useNavigate();
  const pathname = useRouterState({ select: (r) => r.location.pathname });
  useEffect(() => {
    if (shownBefore) document.getElementById('main')?.focus();
    shownBefore = true;
  }, [pathname]);
  return (
    <>
      <a className="skip" href="#main">
        {t('app.skip')}
      </a>
      <header className="bar">
        <Link to="/" className="brand">
          {t('app.name')}
        </Link>
        {auth && <MainNav pathname={pathname} />}
        <nav aria-label={t('nav.language')} className="langs">
          {LANGS.map((l) => (
            <button key={l} type="button" lang={l} aria-pressed={l === lang} onClick={() => setLang(l)}>
              {LANG_NAMES[l]}
            </button>
          ))}
        </nav>
        {auth ? (
          <div className="who">
            <span>{t('nav.signedInAs', { name: auth.user.fullName })}</span>
            <button
              type="button"
              onClick={() => {
                signOut();
                queryClient.clear();
                void navigate({ to: '/login' });
              }}
            >
              {t('nav.signOut')}
            </button>
          </div>
        ) : (
          signInLink && (
          <Link to="/login" className="who">
            {t('nav.signIn')}
          </Link>
          )
        )}
      </header>
      <main id="main" tabIndex={-1}>
        {children}
      </main>
    </>
  );
}
