/// <reference lib="webworker" />
import { EarlyRequest, readEarly } from './early-reads';

// The early script's worker (early-reads.ts): reads once, answers each read as it comes, then is ended by the page.
const scope = self as unknown as DedicatedWorkerGlobalScope;
scope.addEventListener('message', (e: MessageEvent<EarlyRequest>) => {
  void readEarly(e.data, (path, init) => fetch(path, init), (m) => scope.postMessage(m));
}, { once: true });
