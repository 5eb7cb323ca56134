import { startAppAfterFirstPaint, startEarlyReads } from './early-reads';

// The script that the server adds to /proposals/:id (an entry of its own in vite.config.mts): see early-reads.ts.
startEarlyReads(window, () => new Worker(new URL('./early-worker.ts', import.meta.url), { name: 'kenes-early-reads' }));
startAppAfterFirstPaint(document, window);
