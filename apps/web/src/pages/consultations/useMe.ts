import { useQuery } from '@tanstack/react-query';
import { api, unwrap } from '../../api/client';
import { useAuth } from '../../api/useAuth';

/** The signed-in user with their memberships (GET /auth/me), shared by the pages that choose by role. */
export function useMe() {
  const auth = useAuth();
  return useQuery({
    queryKey: ['auth', 'me', auth?.user.id ?? null],
    enabled: !!auth,
    queryFn: async () => unwrap(await api.GET('/api/v1/auth/me')),
  });
}
