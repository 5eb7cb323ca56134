import { createHash } from 'node:crypto';
import { escapeHtml as escape } from '@kenes/core';
import { Lang, PAGE } from './petition-i18n';

/**
 * The page a confirmation mail links to. Opening it (as a mail scanner does)
 * confirms nothing: the token sits in the URL's fragment, which no request
 * carries, and only the button sends it, in a POST.
 */
export function confirmationPage(p: { id: string; title: string; summary: string } | null, apiPrefix: string, lang: Lang = 'en'): string {
  const t = PAGE[lang];
  const say = (key: keyof typeof t) => JSON.stringify(t[key]);
  const main = p
    ? `<h1>${t.title}</h1>
  <p>${t.signing}: <strong>${escape(p.title)}</strong></p>
  <blockquote>${escape(p.summary)}</blockquote>
  <p>${t.press}</p>
  <button type="button" id="confirm">${t.button}</button>
  <p id="result" role="status" aria-live="polite"></p>
  <noscript><p>${t.noscript}</p></noscript>`
    : `<h1>${t.notFoundTitle}</h1><p>${t.notFound}</p>`;
  const script = p
    ? `<script>
(function () {
  // The link carries the token in its fragment (#token=…); a query (?token=…) is read too. Either way only the button sends it.
  var match = /(?:^|[#?&])token=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.hash) || /(?:^|[#?&])token=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.search);
  var token = match ? match[1] : '';
  var button = document.getElementById('confirm');
  var result = document.getElementById('result');
  if (!token) { button.disabled = true; result.textContent = ${say('incomplete')}; return; }
  button.addEventListener('click', function () {
    button.disabled = true;
    result.textContent = ${say('sending')};
    fetch(${JSON.stringify(`/${apiPrefix}/signature-confirmations`)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: token }) })
      .then(function (res) { return res.json().then(function (body) { return { status: res.status, body: body }; }); })
      .then(function (r) {
        if (r.status === 200) { result.textContent = ${say('done')}; history.replaceState(null, '', location.pathname); return; }
        if (r.body && r.body.code === 'TOKEN_USED') { result.textContent = ${say('used')}; return; }
        if (r.body && r.body.code === 'TOKEN_EXPIRED') { result.textContent = ${say('expired')}; return; }
        result.textContent = ${say('failed')};
        button.disabled = false;
      })
      .catch(function () { result.textContent = ${say('offline')}; button.disabled = false; });
  });
})();
</script>`
    : '';
  return `<!doctype html>
<html lang="${lang}">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${p ? `${t.title}: ${escape(p.title)}` : t.notFoundTitle}</title>
<style>body{font:1.1rem/1.5 system-ui,sans-serif;max-width:40rem;margin:2rem auto;padding:0 1rem;color:#111}button{font:inherit;padding:.6rem 1.2rem;border:2px solid #0b3d91;background:#0b3d91;color:#fff;border-radius:.3rem;cursor:pointer}button:focus-visible{outline:3px solid #f90;outline-offset:2px}button:disabled{opacity:.6}blockquote{border-left:4px solid #ccc;margin:1rem 0;padding-left:1rem}</style>
</head>
<body>
<main>
  ${main}
</main>
${script}
</body>
</html>
`;
}

/**
 * The Content-Security-Policy of a confirmation page: the app's own (only this origin), with its inline
 * script and style admitted by their SHA-256 hashes and nothing else inline. Without it the app-wide
 * policy (script-src 'self') blocks the script, and the button does nothing.
 */
export function confirmationPagePolicy(html: string): string {
  const hashes = (tag: 'script' | 'style') =>
    [...html.matchAll(new RegExp(`<${tag}>([\\s\\S]*?)</${tag}>`, 'g'))].map((m) => `'sha256-${createHash('sha256').update(m[1], 'utf8').digest('base64')}'`);
  return [
    "default-src 'self'",
    ["script-src 'self'", ...hashes('script')].join(' '),
    ["style-src 'self'", ...hashes('style')].join(' '),
    "img-src 'self' data:",
    "connect-src 'self'",
    "object-src 'none'",
    "base-uri 'self'",
    "form-action 'self'",
    "frame-ancestors 'none'",
  ].join('; ');
}
