/**
 * The proposal page's first reads, started before the app's code has loaded.
 *
 * On a deep link to /proposals/:id the server adds a small script of its own
 * to the page (early.ts, its own entry: apps/api/src/web/page-shells.ts). It
 * runs as soon as it arrives, beside the download of the app's code, and has
 * a worker (early-worker.ts) ask for the proposal, its comments and its trace
 * with the kept access token, following each list's cursor at once: off the
 * main thread, where the app's code loads and renders meanwhile. The page's
 * reads (prefetch.ts) then take these answers instead of asking again; what
 * the early script did not ask for, or what needs a new token (401), they ask
 * for themselves.
 *
 * No imports, and nothing of the app imports it: the script and its worker
 * are one small file each. The page's side (takeEarly, the paths) is in
 * prefetch.ts, whose spec checks that the two agree.
 */

/** What one early read answered: its status and its JSON body (null when it had none). */
export interface EarlyAnswer {
  status: number;
  body: unknown;
}

/** The reads under way, by path, until the page takes them. */
type EarlyReads = Map<string, Promise<EarlyAnswer | null>>;

/** Where the reads wait for the page (prefetch.ts, takeEarly). */
export const EARLY_READS = '__kenesEarlyReads';
const AUTH_KEY = 'kenes.auth';
/** The most that a list answers at once (API.md, Lists). */
const PAGE = 200;
/** An access token with less left than this is not used: the app renews it first. */
const MARGIN_MS = 5_000;

/** The proposal's path in the API. */
export const proposalPath = (id: string): string => `/api/v1/proposals/${encodeURIComponent(id)}`;

/** One page of a list: the most there is at once, after `cursor`. */
export const listPagePath = (path: string, cursor: string | null): string => `${path}?limit=${PAGE}${cursor ? `&cursor=${encodeURIComponent(cursor)}` : ''}`;

/** The proposal a path of the web app shows (`/proposals/:id`), or null. */
export function proposalOfPage(pathname: string): string | null {
  const m = /^\/proposals\/([0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12})\/?$/i.exec(pathname);
  return m ? m[1] : null;
}

/** The kept access token while it is good for a few seconds more, else null (renewing is the app's). */
export function usableToken(kept: string | null, now: number): string | null {
  try {
    const token = kept ? (JSON.parse(kept) as { accessToken?: unknown }).accessToken : undefined;
    if (typeof token !== 'string') return null;
    const part = token.split('.')[1] ?? '';
    const { exp } = JSON.parse(atob(part.replace(/-/g, '+').replace(/_/g, '/').padEnd(Math.ceil(part.length / 4) * 4, '='))) as { exp?: unknown };
    return typeof exp === 'number' && exp * 1000 - now > MARGIN_MS ? token : null;
  } catch {
    return null;
  }
}

/** What the worker says of one read: its path, its answer (null when it failed on the way), and the next page's path. */
export interface EarlyMessage {
  path: string;
  answer: EarlyAnswer | null;
  next: string | null;
}

/** What the early script's worker is asked to read: the proposal's id and the token to read it with. */
export interface EarlyRequest {
  id: string;
  token: string;
}

/** The paths the worker reads first: the proposal and the first page of each list. */
export const firstPaths = (id: string): { proposal: string; lists: string[] } => {
  const base = proposalPath(id);
  return { proposal: base, lists: [`${base}/comments`, `${base}/trace`] };
};

/**
 * The worker's part (early-worker.ts): the proposal, and every page of each
 * list, each page asked for as soon as the one before names its cursor. It
 * runs off the page's main thread, so the next page is asked for at once even
 * while the app's code loads and renders there.
 */
export function readEarly(req: EarlyRequest, fetch: (path: string, init: RequestInit) => Promise<Response>, post: (m: EarlyMessage) => void): Promise<unknown> {
  const get = (path: string, init: RequestInit = {}) =>
    fetch(path, { ...init, headers: { Authorization: `Bearer ${req.token}` } })
      .then(async (res): Promise<EarlyAnswer> => ({ status: res.status, body: await res.json().catch(() => null) }))
      .catch(() => null);
  const list = async (path: string, cursor: string | null = null): Promise<void> => {
    const here = listPagePath(path, cursor);
    const answer = await get(here);
    const next = answer?.status === 200 ? (answer.body as { nextCursor?: unknown } | null)?.nextCursor : null;
    const nextPath = typeof next === 'string' && next ? listPagePath(path, next) : null;
    post({ path: here, answer, next: nextPath });
    if (nextPath && typeof next === 'string') await list(path, next);
  };
  const first = firstPaths(req.id);
  return Promise.all([
    // As the page asks for it: not from the browser's cache (prefetch.ts, proposalQuery).
    get(first.proposal, { cache: 'no-store' }).then((answer) => post({ path: first.proposal, answer, next: null })),
    ...first.lists.map((l) => list(l)),
  ]);
}

/** A worker as the early script uses it. */
export interface WorkerLike {
  postMessage(m: EarlyRequest): void;
  addEventListener(type: 'message', listener: (e: { data: EarlyMessage }) => void): void;
  addEventListener(type: 'error', listener: () => void): void;
  terminate(): void;
}

/** What the early script uses of the browser's window. */
interface Host {
  location: { pathname: string };
  localStorage: { getItem(key: string): string | null };
}

/**
 * Starts the reads of the page at `w.location` in a worker (`startWorker`)
 * when it is a proposal's and a user is signed in; returns them (also kept
 * for takeEarly), or null. Each read the page may ask for next is waiting in
 * the map before the read before it is answered, and a worker that fails
 * answers every waiting read with null (the page then reads for itself).
 */
export function startEarlyReads(w: Host, startWorker: () => WorkerLike, now = Date.now()): EarlyReads | null {
  const id = proposalOfPage(w.location.pathname);
  let kept: string | null = null;
  try {
    kept = w.localStorage.getItem(AUTH_KEY);
  } catch {
    // storage refused (private mode): the app reads as usual
  }
  const token = id ? usableToken(kept, now) : null;
  if (!id || !token) return null;
  const reads: EarlyReads = new Map();
  const waiting = new Map<string, (a: EarlyAnswer | null) => void>();
  const wait = (path: string) => reads.set(path, new Promise((resolve) => waiting.set(path, resolve)));
  const first = firstPaths(id);
  [first.proposal, ...first.lists.map((l) => listPagePath(l, null))].forEach(wait);
  const failAll = () => {
    for (const resolve of waiting.values()) resolve(null);
    waiting.clear();
  };
  let worker: WorkerLike;
  try {
    worker = startWorker();
  } catch {
    failAll();
    return null;
  }
  worker.addEventListener('message', ({ data }) => {
    if (data.next) wait(data.next);
    waiting.get(data.path)?.(data.answer);
    waiting.delete(data.path);
    if (!waiting.size) worker.terminate();
  });
  worker.addEventListener('error', () => {
    failAll();
    worker.terminate();
  });
  worker.postMessage({ id, token });
  (globalThis as Record<string, unknown>)[EARLY_READS] = reads;
  return reads;
}

/** What startAppAfterFirstPaint uses of the document and the window. */
interface Page {
  readyState: string;
  querySelector(selector: string): { getAttribute(name: string): string | null } | null;
  addEventListener(type: 'DOMContentLoaded', listener: () => void, options: { once: true }): void;
  createElement(tag: 'script'): { type: string; crossOrigin: string | null; src: string };
  head: { append(node: unknown): void };
}
interface Frames {
  location: { href: string };
  requestAnimationFrame(callback: () => void): unknown;
  setTimeout(callback: () => void, ms: number): unknown;
}

/** Whether `src` is a script of this page's own server (not //elsewhere/… nor /\\elsewhere/…: other hosts). */
function ownScript(src: string, page: string): boolean {
  try {
    return new URL(src, page).origin === new URL(page).origin;
  } catch {
    return false;
  }
}

/**
 * A page the server painted already (a proposal's first paint) names the
 * app's entry in a meta element instead of loading it (apps/api/src/web/
 * page-shells.ts, deferAppStart). This starts it once the page is parsed and
 * its next frame has been drawn: the reader reads the first paint while the
 * app loads, instead of waiting for the app's code to be compiled first.
 * Returns whether there was an app to start.
 */
export function startAppAfterFirstPaint(doc: Page, w: Frames): boolean {
  const src = doc.querySelector('meta[name="kenes-app"]')?.getAttribute('content');
  if (!src || !ownScript(src, w.location.href)) return false;
  const load = () => {
    const script = doc.createElement('script');
    script.type = 'module';
    script.crossOrigin = '';
    script.src = src;
    doc.head.append(script);
  };
  const afterFrame = () => w.requestAnimationFrame(() => w.setTimeout(load, 0));
  if (doc.readyState === 'loading') doc.addEventListener('DOMContentLoaded', afterFrame, { once: true });
  else afterFrame();
  return true;
}
