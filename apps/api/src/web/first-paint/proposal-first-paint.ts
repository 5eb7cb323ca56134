import { escapeHtml, formatMessage, Lang, MessageValues } from '@kenes/core';
import en from '../../../../web/src/pages/proposal/messages/en.json';
import kk from '../../../../web/src/pages/proposal/messages/kk.json';
import ru from '../../../../web/src/pages/proposal/messages/ru.json';
import appEn from '../../../../web/src/i18n/en.json';
import appKk from '../../../../web/src/i18n/kk.json';
import appRu from '../../../../web/src/i18n/ru.json';

/**
 * A proposal's first paint: the dossier as plain HTML in the page itself, for
 * a signed-in reader, so that the text, the comments and the versions show
 * before the app's code has loaded (on a phone in the hall, that code is most
 * of the wait). The app renders the same page meanwhile, hidden, and takes
 * over once it has its data (apps/web/src/firstPaint.ts); without JavaScript
 * the first paint stays, and can be read.
 *
 * Plain functions of the data and the language, no Nest: the service that
 * reads the data as the reader may (first-paint.service.ts) calls them. The
 * words are the proposal page's own catalogs (apps/web/src/pages/proposal/
 * messages), formatted as react-intl formats them (a web-unit spec holds the
 * two to the same answers). Dates are left out: the app shows them in the
 * reader's time zone, which the server does not know.
 */

/** The proposal's fields the first paint shows (ProposalDto's). */
export interface FirstPaintProposal {
  id: string;
  status: string;
  version: number;
  currentVersion: number;
  title: string;
  summary: string;
  body: string;
  authors: { fullName: string }[];
}

/** A comment's fields the first paint shows (CommentDto's). */
export interface FirstPaintComment {
  authorName: string;
  body: string;
  anchor: { version: number; start: number; end: number } | null;
}

/** How many comments and versions show at first: the page's own steps (TextPanel's COMMENTS_STEP, Versions' VERSIONS_STEP). */
export const FIRST_COMMENTS = 50;
export const FIRST_VERSIONS = 20;
/** A quoted passage longer than this is cut, as the page cuts it (TextPanel's clip). */
const QUOTE_MAX = 80;

const CATALOGS: Record<Lang, Record<string, string>> = { en: { ...appEn, ...en }, ru: { ...appRu, ...ru }, kk: { ...appKk, ...kk } };
const LOCALES: Record<Lang, string> = { en: 'en-GB', ru: 'ru-RU', kk: 'kk-KZ' };

/** The messages the first paint uses, each with sample values (the web-unit spec formats them both ways). */
export const FIRST_PAINT_MESSAGES: Record<string, MessageValues> = {
  'app.name': {},
  'proposal.status': { status: 'X' },
  'proposal.versionOf': { version: 3, count: 12 },
  'proposal.authors': { names: 'A, B' },
  'proposal.text': {},
  'proposal.summary': {},
  'proposal.body': {},
  'proposal.comments': {},
  'proposal.comments.count': { count: 21 },
  'proposal.comments.none': {},
  'proposal.comments.hidden': {},
  'proposal.comment.onVersion': { version: 4 },
  'proposal.versions': {},
  'proposal.versions.item': { version: 7 },
  'proposal.versions.current': {},
  'proposal.loading': {},
};

/** A message of the proposal page in `lang` (plain text), formatted, then escaped for HTML with the values in it. */
function words(lang: Lang) {
  const text = (id: string, values: MessageValues = {}): string => {
    const message = CATALOGS[lang][id] ?? CATALOGS.en[id];
    if (message === undefined) throw new Error(`no message ${id}`);
    return formatMessage(message, values, LOCALES[lang]);
  };
  return { text, t: (id: string, values: MessageValues = {}) => escapeHtml(text(id, values)) };
}

const clip = (s: string): string => (s.length > QUOTE_MAX ? `${s.slice(0, QUOTE_MAX)}…` : s);

/**
 * The first paint of /proposals/:id: an element that stands before the app's
 * root (`<div id="root">`), which styles.css hides while it is there.
 * `comments`: the first ones and how many there are; null when the reader may
 * not read them (the page says so, as the app does).
 */
export function proposalFirstPaint(p: FirstPaintProposal, comments: { items: FirstPaintComment[]; total: number } | null, lang: Lang): string {
  const { t, text } = words(lang);
  const e = escapeHtml;
  const statusLine = t('proposal.status', { status: text(`proposal.status.${p.status}`) });
  // A reader shown an older version than the current one (an agency's representative: the version they were consulted on)
  // may not read every version: the list is left to the app, which asks the API which they may.
  const versions = p.version === p.currentVersion ? Array.from({ length: Math.min(FIRST_VERSIONS, p.currentVersion) }, (_, i) => p.currentVersion - i) : [];
  const commentList = (comments?.items ?? []).slice(0, FIRST_COMMENTS).map((c) => {
    const quote = c.anchor && c.anchor.version === p.version ? clip(p.body.slice(c.anchor.start, c.anchor.end)) : null;
    const on = c.anchor ? `<p class="quote">${t('proposal.comment.onVersion', { version: c.anchor.version })}${quote !== null ? ` <mark>${e(quote)}</mark>` : ''}</p>` : '';
    return `<li class="comment"><p class="muted">${e(c.authorName)}</p>${on}<p class="comment-body">${e(c.body)}</p></li>`;
  });
  const commentsPart =
    comments === null
      ? `<h2 id="fp-comments-h">${t('proposal.comments')}</h2><p>${t('proposal.comments.hidden')}</p>`
      : `<h2 id="fp-comments-h">${t('proposal.comments')} <span class="muted">(${t('proposal.comments.count', { count: comments.total })})</span></h2>` +
        (comments.total ? `<ol class="comments">${commentList.join('')}</ol>` : `<p>${t('proposal.comments.none')}</p>`);
  return [
    `<div id="first-paint" class="first-paint" data-path="/proposals/${e(p.id)}" lang="${lang}">`,
    `<header class="bar"><a class="brand" href="/">${t('app.name')}</a></header>`,
    `<main><div class="proposal">`,
    `<header class="proposal-head"><h1>${e(p.title)}</h1>`,
    `<p class="status-line"><span class="badge status-${e(p.status)}">${statusLine}</span> <span>${t('proposal.versionOf', { version: p.version, count: p.currentVersion })}</span></p>`,
    `<p>${t('proposal.authors', { names: p.authors.map((a) => a.fullName).join(', ') })}</p>`,
    `<p class="muted" role="status">${t('proposal.loading')}</p></header>`,
    `<div class="dossier-grid">`,
    `<section class="card text-panel" aria-labelledby="fp-text-h"><h2 id="fp-text-h">${t('proposal.text')}</h2>`,
    `<h3>${t('proposal.summary')}</h3><p class="summary">${e(p.summary)}</p>`,
    `<h3 id="fp-body-h">${t('proposal.body')}</h3><div class="body-text" role="region" aria-labelledby="fp-body-h">${e(p.body)}</div></section>`,
    `<section class="card comments-panel" aria-labelledby="fp-comments-h">${commentsPart}</section>`,
    versions.length
      ? [
          `<section class="card versions-panel" aria-labelledby="fp-versions-h"><h2 id="fp-versions-h">${t('proposal.versions')}</h2><ol class="versions" reversed>`,
          ...versions.map((v) => `<li id="version-${v}"><strong>${t('proposal.versions.item', { version: v })}</strong>${v === p.currentVersion ? ` <span class="muted">(${t('proposal.versions.current')})</span>` : ''}</li>`),
          `</ol></section>`,
        ].join('')
      : '',
    `</div></div></main></div>`,
  ].join('');
}
