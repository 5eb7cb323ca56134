import { EarlyMessage, EarlyRequest, listPagePath, proposalOfPage, proposalPath, readEarly, startEarlyReads, startAppAfterFirstPaint, usableToken, WorkerLike } from './early-reads';
import * as page from './prefetch';

const { commentsQuery, proposalQuery, takeEarly, traceQuery } = page;

const ID = '0b6f3d2e-6c1a-4d8e-9f00-1234567890ab';
const NOW = Date.UTC(2026, 11, 6, 12);

/** A JWT whose payload runs out at `exp` (seconds); the signature is never read here. */
const jwt = (exp: number) => `h.${Buffer.from(JSON.stringify({ sub: 'u', exp })).toString('base64url')}.s`;
const kept = (token: string) => JSON.stringify({ accessToken: token, refreshToken: 'r', user: { id: 'u' } });

/** A server of lists in pages of two: `/comments` has five items, `/trace` three; the proposal answers `status`. */
function fakeServer(status = 200) {
  const asked: { path: string; init: RequestInit }[] = [];
  const lists: Record<string, string[]> = { comments: ['c1', 'c2', 'c3', 'c4', 'c5'], trace: ['t1', 't2', 't3'] };
  const fetch = async (path: string, init: RequestInit): Promise<Response> => {
    asked.push({ path, init });
    const url = new URL(path, 'http://app');
    const list = /\/(comments|trace)$/.exec(url.pathname)?.[1];
    if (!list) return new Response(JSON.stringify(status === 200 ? { id: ID, title: 'T' } : { status, title: 'Not Found', detail: 'No such proposal.' }), { status });
    const from = Number(url.searchParams.get('cursor') ?? 0);
    const items = lists[list].slice(from, from + 2);
    const next = from + 2 < lists[list].length ? String(from + 2) : null;
    return new Response(JSON.stringify({ items, nextCursor: next }), { status: 200 });
  };
  return { asked, fetch };
}

const host = (pathname: string, token: string | null) => ({
  location: { pathname },
  localStorage: { getItem: (k: string) => (k === 'kenes.auth' && token ? kept(token) : null) },
});

/** The early worker run in this process: readEarly with `fetch`, its messages delivered a task later, as a worker's are. */
function inProcess(fetch: (p: string, i: RequestInit) => Promise<Response>, started: { count: number; terminated: boolean } = { count: 0, terminated: false }) {
  return (): WorkerLike => {
    started.count++;
    const listeners: { message: ((e: { data: EarlyMessage }) => void)[]; error: (() => void)[] } = { message: [], error: [] };
    return {
      postMessage: (req: EarlyRequest) => void readEarly(req, fetch, (m) => setTimeout(() => listeners.message.forEach((l) => l({ data: structuredClone(m) })))),
      addEventListener: (type: 'message' | 'error', l: never) => listeners[type].push(l),
      terminate: () => {
        started.terminated = true;
      },
    };
  };
}

/** Lets every answer under way settle (each page asks for the next). */
const settle = async () => {
  for (let i = 0; i < 50; i++) await new Promise((r) => setImmediate(r));
};

describe('the proposal page’s early reads', () => {
  // A browser resolves the page's relative paths against its origin; Node's Request needs one given.
  const NodeRequest = globalThis.Request;
  beforeAll(() => {
    globalThis.Request = class extends NodeRequest {
      constructor(input: RequestInfo | URL, init?: RequestInit) {
        super(typeof input === 'string' ? new URL(input, 'http://app') : input, init);
      }
    } as typeof Request;
  });
  afterAll(() => {
    globalThis.Request = NodeRequest;
  });

  let networkFetch: jest.SpyInstance;
  beforeEach(() => {
    // What the page asks for itself goes to the network (global fetch): the tests see each such call.
    networkFetch = jest.spyOn(globalThis, 'fetch').mockImplementation(async () => new Response(JSON.stringify({ items: ['from the network'], nextCursor: null }), { status: 200 }));
  });
  afterEach(() => {
    networkFetch.mockRestore();
    delete (globalThis as Record<string, unknown>).__kenesEarlyReads;
  });

  it('ask for the paths the page asks for (the script shares no code with the app)', () => {
    expect(proposalPath(ID)).toBe(page.proposalPath(ID));
    for (const cursor of [null, 'WyIyMDI2LTEyIiwiYSJd', 'a+b/c=']) expect(listPagePath(`${proposalPath(ID)}/comments`, cursor)).toBe(page.listPagePath(`${page.proposalPath(ID)}/comments`, cursor));
  });

  it('know a proposal’s page by its path, and nothing else', () => {
    expect(proposalOfPage(`/proposals/${ID}`)).toBe(ID);
    expect(proposalOfPage(`/proposals/${ID}/`)).toBe(ID);
    expect(proposalOfPage(`/proposals/${ID.toUpperCase()}`)).toBe(ID.toUpperCase());
    for (const other of ['/', `/proposals/${ID}/edit`, '/proposals/not-an-id', `/working-groups/${ID}/proposals/new`, `/x/proposals/${ID}`]) expect(proposalOfPage(other)).toBeNull();
  });

  it('use the kept access token only while it is good for a few seconds more', () => {
    expect(usableToken(kept(jwt(NOW / 1000 + 60)), NOW)).toBe(jwt(NOW / 1000 + 60));
    expect(usableToken(kept(jwt(NOW / 1000 + 2)), NOW)).toBeNull();
    expect(usableToken(kept(jwt(NOW / 1000 - 60)), NOW)).toBeNull();
    expect(usableToken(kept('not-a-jwt'), NOW)).toBeNull();
    expect(usableToken('{not json', NOW)).toBeNull();
    expect(usableToken(null, NOW)).toBeNull();
  });

  it('ask for the proposal (past the browser’s cache), every page of its comments and of its trace, with the token', async () => {
    const server = fakeServer();
    const token = jwt(NOW / 1000 + 600);
    const worker = { count: 0, terminated: false };
    expect(startEarlyReads(host(`/proposals/${ID}`, token), inProcess(server.fetch, worker), NOW)).not.toBeNull();
    await settle();
    // One worker, ended once every read is answered.
    expect(worker).toEqual({ count: 1, terminated: true });
    const base = proposalPath(ID);
    expect(server.asked.map((a) => a.path).sort()).toEqual(
      [base, listPagePath(`${base}/comments`, null), listPagePath(`${base}/comments`, '2'), listPagePath(`${base}/comments`, '4'), listPagePath(`${base}/trace`, null), listPagePath(`${base}/trace`, '2')].sort(),
    );
    expect(server.asked.every((a) => (a.init.headers as Record<string, string>).Authorization === `Bearer ${token}`)).toBe(true);
    expect(server.asked.find((a) => a.path === base)?.init.cache).toBe('no-store');
  });

  it('ask for nothing on another page, signed out, or with a token about to run out', () => {
    for (const [path, token] of [
      ['/', jwt(NOW / 1000 + 600)],
      [`/proposals/${ID}`, null],
      [`/proposals/${ID}`, jwt(NOW / 1000 + 1)],
    ] as const) {
      const server = fakeServer();
      const worker = { count: 0, terminated: false };
      expect(startEarlyReads(host(path, token), inProcess(server.fetch, worker), NOW)).toBeNull();
      expect(server.asked).toEqual([]);
      expect(worker.count).toBe(0);
    }
    expect(takeEarly(proposalPath(ID))).toBeUndefined();
  });

  it('are what the page’s reads take, once each, without asking the network again', async () => {
    const server = fakeServer();
    startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), inProcess(server.fetch));
    expect(await commentsQuery(ID).queryFn()).toEqual(['c1', 'c2', 'c3', 'c4', 'c5']);
    expect(await traceQuery(ID).queryFn()).toEqual(['t1', 't2', 't3']);
    expect(await proposalQuery(ID).queryFn()).toEqual({ id: ID, title: 'T' });
    expect(networkFetch).not.toHaveBeenCalled();
    // A second read (after a comment is posted, say) asks the server.
    expect(await commentsQuery(ID).queryFn()).toEqual(['from the network']);
    expect(networkFetch).toHaveBeenCalledTimes(1);
  });

  it('answer a refusal as the page’s own read would (404 → the not-found state), and leave a 401 to the page, which renews its token', async () => {
    startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), inProcess(fakeServer(404).fetch));
    await expect(proposalQuery(ID).queryFn()).rejects.toMatchObject({ status: 404, message: 'No such proposal.' });
    expect(networkFetch).not.toHaveBeenCalled();

    startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), inProcess(fakeServer(401).fetch));
    networkFetch.mockImplementation(async () => new Response(JSON.stringify({ id: ID, title: 'Fresh' }), { status: 200 }));
    expect(await proposalQuery(ID).queryFn()).toEqual({ id: ID, title: 'Fresh' });
    expect(networkFetch).toHaveBeenCalledTimes(1);
  });

  it('leave a read that failed on the way to the page’s own', async () => {
    startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), inProcess(() => Promise.reject(new TypeError('offline'))));
    expect(await commentsQuery(ID).queryFn()).toEqual(['from the network']);
    expect(networkFetch).toHaveBeenCalledTimes(1);
  });

  it('leave every read to the page when the worker fails or cannot start', async () => {
    const failing = (): WorkerLike => {
      let onError = () => undefined as void;
      return {
        postMessage: () => setTimeout(() => onError()),
        addEventListener: (type: 'message' | 'error', l: never) => {
          if (type === 'error') onError = l;
        },
        terminate: () => undefined,
      };
    };
    startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), failing);
    expect(await commentsQuery(ID).queryFn()).toEqual(['from the network']);
    expect(await traceQuery(ID).queryFn()).toEqual(['from the network']);
    expect(networkFetch).toHaveBeenCalledTimes(2);

    expect(
      startEarlyReads(host(`/proposals/${ID}`, jwt(Date.now() / 1000 + 600)), () => {
        throw new Error('workers refused');
      }),
    ).toBeNull();
  });
});

describe('startAppAfterFirstPaint', () => {
  const fakePage = (content: string | null, readyState = 'loading') => {
    const appended: { type: string; crossOrigin: string | null; src: string }[] = [];
    let ready: (() => void) | null = null;
    const doc = {
      readyState,
      querySelector: (s: string) => (s === 'meta[name="kenes-app"]' && content !== null ? { getAttribute: (n: string) => (n === 'content' ? content : null) } : null),
      addEventListener: (_type: 'DOMContentLoaded', l: () => void) => (ready = l),
      createElement: () => ({ type: '', crossOrigin: null as string | null, src: '' }),
      head: { append: (n: unknown) => appended.push(n as (typeof appended)[number]) },
    };
    const frames: (() => void)[] = [];
    const timers: (() => void)[] = [];
    const w = { location: { href: 'https://kenes.example/proposals/1' }, requestAnimationFrame: (cb: () => void) => frames.push(cb), setTimeout: (cb: () => void) => timers.push(cb) };
    return { doc, w, appended, frames, timers, parsed: () => ready?.() };
  };

  it('starts the named app once the page is parsed and its next frame drawn, not before', () => {
    const p = fakePage('/assets/index-A.js');
    expect(startAppAfterFirstPaint(p.doc, p.w)).toBe(true);
    expect(p.frames).toHaveLength(0);
    p.parsed();
    expect(p.appended).toHaveLength(0);
    p.frames.shift()?.();
    expect(p.appended).toHaveLength(0);
    p.timers.shift()?.();
    expect(p.appended).toEqual([{ type: 'module', crossOrigin: '', src: '/assets/index-A.js' }]);
  });

  it('waits for the next frame only when the page is parsed already', () => {
    const p = fakePage('/assets/index-A.js', 'interactive');
    startAppAfterFirstPaint(p.doc, p.w);
    p.frames.shift()?.();
    p.timers.shift()?.();
    expect(p.appended.map((s) => s.src)).toEqual(['/assets/index-A.js']);
  });

  it('does nothing on a page that loads the app itself, or names no path of this server', () => {
    for (const content of [null, '', 'https://elsewhere.example/app.js', '//elsewhere.example/app.js', '/\\elsewhere.example/app.js', 'http://kenes.example/assets/app.js']) {
      const p = fakePage(content);
      expect(startAppAfterFirstPaint(p.doc, p.w)).toBe(false);
      p.parsed();
      expect(p.frames).toHaveLength(0);
    }
  });
});
