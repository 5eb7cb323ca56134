const escape = (s: string) => s.replace(/[&<>"']/g, (c) => ({ '&': '&amp;', '<': '&lt;', '>': '&gt;', '"': '&quot;', "'": '&#39;' })[c] as string);

/**
 * The page a confirmation mail links to. Opening it (as a mail scanner does)
 * confirms nothing: the token sits in the URL's fragment, which no request
 * carries, and only the button sends it, in a POST.
 */
export function confirmationPage(p: { id: string; title: string; summary: string } | null, apiPrefix: string): string {
  const main = p
    ? `<h1>Confirm your signature</h1>
  <p>You are signing the petition <strong>${escape(p.title)}</strong>.</p>
  <blockquote>${escape(p.summary)}</blockquote>
  <p>Press the button to confirm. Nothing is counted until you do; the link works once, for 48 hours.</p>
  <button type="button" id="confirm">Confirm my signature</button>
  <p id="result" role="status" aria-live="polite"></p>
  <noscript><p>This page needs JavaScript to send your confirmation.</p></noscript>`
    : `<h1>Petition not found</h1><p>This petition does not exist or is not published.</p>`;
  const script = p
    ? `<script>
(function () {
  // The link carries the token in its fragment (#token=…); a query (?token=…) is read too. Either way only the button sends it.
  var match = /(?:^|[#?&])token=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.hash) || /(?:^|[#?&])token=([A-Za-z0-9_-]{43})(?:&|$)/.exec(location.search);
  var token = match ? match[1] : '';
  var button = document.getElementById('confirm');
  var result = document.getElementById('result');
  if (!token) { button.disabled = true; result.textContent = 'This link is incomplete: open the whole link from the message.'; return; }
  button.addEventListener('click', function () {
    button.disabled = true;
    result.textContent = 'Sending…';
    fetch(${JSON.stringify(`/${apiPrefix}/signature-confirmations`)}, { method: 'POST', headers: { 'Content-Type': 'application/json' }, body: JSON.stringify({ token: token }) })
      .then(function (res) { return res.json().then(function (body) { return { status: res.status, body: body }; }); })
      .then(function (r) {
        if (r.status === 200) { result.textContent = 'Thank you: your signature is confirmed and counted.'; history.replaceState(null, '', location.pathname); return; }
        if (r.body && r.body.code === 'TOKEN_USED') { result.textContent = 'This link has been used already: your signature counts.'; return; }
        if (r.body && r.body.code === 'TOKEN_EXPIRED') { result.textContent = 'This link has expired. Sign the petition again to get a new one.'; return; }
        result.textContent = (r.body && r.body.detail) || 'The confirmation did not go through.';
        button.disabled = false;
      })
      .catch(function () { result.textContent = 'No connection; try again.'; button.disabled = false; });
  });
})();
</script>`
    : '';
  return `<!doctype html>
<html lang="en">
<head>
<meta charset="utf-8">
<meta name="viewport" content="width=device-width, initial-scale=1">
<meta name="referrer" content="no-referrer">
<meta name="robots" content="noindex">
<title>${p ? `Confirm your signature: ${escape(p.title)}` : 'Petition not found'}</title>
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
