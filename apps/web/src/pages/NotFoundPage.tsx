import { Layout } from '../components/Layout';
import { NotFoundState } from './NotFound';

export default function NotFoundPage() {
  return (
    <Layout>
      <NotFoundState />
    </Layout>
  );
}
