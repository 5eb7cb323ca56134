export default async function globalTeardown(): Promise<void> {
  // Several projects (e2e, web) name this teardown: the first one to run it tears down.
  const teardown = globalThis.__KENES_TEST_TEARDOWN__;
  globalThis.__KENES_TEST_TEARDOWN__ = undefined;
  await teardown?.();
}
