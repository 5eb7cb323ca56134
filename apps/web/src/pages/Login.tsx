import { useState } from 'react';
import { useNavigate, useSearch } from '@tanstack/react-router';
import { Button, FieldError, Form, Input, Label, TextField } from 'react-aria-components';
import { setAuth } from '../api/auth';
import { api, ApiProblem, unwrap } from '../api/client';
import { safeRedirect } from '../api/redirect';
import { Layout } from '../components/Layout';
import { useT } from '../i18n/useT';


export default function LoginPage() {
  const t = useT();
  const navigate = useNavigate();
  const search = useSearch({ strict: false }) as { redirect?: string };
  const [problem, setProblem] = useState<string | null>(null);
  const [busy, setBusy] = useState(false);

  const submit = async (data: FormData) => {
    setBusy(true);
    setProblem(null);
    try {
      const body = unwrap(await api.POST('/api/v1/auth/login', { body: { email: String(data.get('email') ?? ''), password: String(data.get('password') ?? '') } }));
      setAuth({ accessToken: body.accessToken, refreshToken: body.refreshToken, user: body.user });
      await navigate({ to: safeRedirect(search.redirect) });
    } catch (e) {
      setProblem(e instanceof ApiProblem ? e.message : t('login.failed'));
    } finally {
      setBusy(false);
    }
  };

  return (
    <Layout signInLink={false}>
      <section className="login">
        <h1>{t('login.title')}</h1>
        <Form
          onSubmit={(e) => {
            e.preventDefault();
            void submit(new FormData(e.currentTarget));
          }}
        >
          <TextField name="email" type="email" isRequired autoComplete="username" className="field">
            <Label>{t('login.email')}</Label>
            <Input />
            <FieldError />
          </TextField>
          <TextField name="password" type="password" isRequired autoComplete="current-password" className="field">
            <Label>{t('login.password')}</Label>
            <Input />
            <FieldError />
          </TextField>
          <div role="alert" className="problem">
            {problem}
          </div>
          <Button type="submit" isDisabled={busy} className="primary">
            {t('login.submit')}
          </Button>
        </Form>
      </section>
    </Layout>
  );
}
