import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../api/client';
import { Layout } from '../components/Layout';
import { useT } from '../i18n/useT';

/** The user's councils and each one's sittings (part 2 adds what needs them now). */
export default function HomePage() {
  const t = useT();
  const councils = useQuery({ queryKey: ['councils'], queryFn: async () => unwrap(await api.GET('/api/v1/councils', { params: { query: { limit: 200 } } })).items });
  return (
    <Layout>
      <h1>{t('home.title')}</h1>
      {councils.isPending && <p role="status">{t('home.loading')}</p>}
      {councils.error && <p role="alert">{t('home.error', { message: councils.error.message })}</p>}
      {councils.data?.length === 0 && <p>{t('home.noCouncils')}</p>}
      {councils.data?.map((c) => {
        return (
          <section key={c.id} className="card" aria-labelledby={`council-${c.id}`}>
            <h2 id={`council-${c.id}`}>{c.name}</h2>
          </section>
        );
      })}
    </Layout>
  );
}
