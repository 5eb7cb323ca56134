import { createHash } from 'node:crypto';
import { runInNewContext } from 'node:vm';
import { confirmationPage, confirmationPagePolicy } from './confirmation-page';

const TOKEN = 'A'.repeat(20) + 'b'.repeat(23);

/** Runs the page's script against a minimal DOM: what the button does, and what opening the page does. */
function load(hash: string, answer: { status: number; body: unknown }) {
  const html = confirmationPage({ id: 'p1', title: 'Benches <b>now</b>', summary: 'More benches.' }, 'api/v1');
  const script = /<script>([\s\S]*)<\/script>/.exec(html)?.[1] as string;
  const elements: Record<string, { disabled: boolean; textContent: string; listeners: (() => void)[]; addEventListener: (e: string, f: () => void) => void }> = {};
  const el = () => ({ disabled: false, textContent: '', listeners: [] as (() => void)[], addEventListener(_e: string, f: () => void) { this.listeners.push(f); } });
  elements.confirm = el();
  elements.result = el();
  const calls: { url: string; init: { method: string; body: string } }[] = [];
  const replaced: string[] = [];
  const context = {
    document: { getElementById: (id: string) => elements[id] },
    location: { hash, search: '', pathname: '/petitions/p1/confirm' },
    history: { replaceState: (_s: unknown, _t: string, url: string) => replaced.push(url) },
    fetch: (url: string, init: { method: string; body: string }) => {
      calls.push({ url, init });
      return Promise.resolve({ status: answer.status, json: () => Promise.resolve(answer.body) });
    },
    JSON,
  };
  runInNewContext(script, context);
  return { html, elements, calls, replaced };
}

const settle = () => new Promise((r) => setTimeout(r, 10));

describe('the confirmation page', () => {
  it('escapes the petition text and never carries a token', () => {
    const { html } = load(`#token=${TOKEN}`, { status: 200, body: {} });
    expect(html).toContain('Benches &lt;b&gt;now&lt;/b&gt;');
    expect(html).not.toContain(TOKEN);
  });

  it('sends nothing when opened; its button POSTs the token once and says it counted', async () => {
    const page = load(`#token=${TOKEN}`, { status: 200, body: { status: 'validated' } });
    await settle();
    expect(page.calls).toEqual([]);
    page.elements.confirm.listeners[0]();
    await settle();
    expect(page.calls).toEqual([{ url: '/api/v1/signature-confirmations', init: expect.objectContaining({ method: 'POST', body: JSON.stringify({ token: TOKEN }) }) }]);
    expect(page.elements.result.textContent).toMatch(/confirmed and counted/);
    expect(page.elements.confirm.disabled).toBe(true);
    expect(page.replaced).toEqual(['/petitions/p1/confirm']);
  });

  it('says so when the link was used or expired, and disables itself without a token', async () => {
    const used = load(`#token=${TOKEN}`, { status: 409, body: { code: 'TOKEN_USED' } });
    used.elements.confirm.listeners[0]();
    await settle();
    expect(used.elements.result.textContent).toMatch(/used already/);
    const none = load('', { status: 200, body: {} });
    expect(none.elements.confirm.disabled).toBe(true);
    expect(none.elements.confirm.listeners).toEqual([]);
  });

  it('shows a not-found page for a petition that is not published', () => {
    expect(confirmationPage(null, 'api/v1')).toContain('Petition not found');
  });
});

describe('the confirmation page’s policy', () => {
  const html = confirmationPage({ id: 'p1', title: 'Benches', summary: 'More benches.' }, 'api/v1', 'ru');
  const policy = confirmationPagePolicy(html);
  const sha = (s: string) => `'sha256-${createHash('sha256').update(s, 'utf8').digest('base64')}'`;

  it('admits exactly its inline script and style, by hash, and nothing else inline', () => {
    const script = /<script>([\s\S]*?)<\/script>/.exec(html)?.[1] as string;
    const style = /<style>([\s\S]*?)<\/style>/.exec(html)?.[1] as string;
    expect(policy).toContain(`script-src 'self' ${sha(script)};`);
    expect(policy).toContain(`style-src 'self' ${sha(style)};`);
    expect(policy).not.toContain('unsafe-inline');
    expect(policy).toContain("connect-src 'self'");
    expect(policy).toContain("frame-ancestors 'none'");
  });

  it('of the not-found page admits no script', () => {
    expect(confirmationPagePolicy(confirmationPage(null, 'api/v1'))).toMatch(/script-src 'self';/);
  });
});
