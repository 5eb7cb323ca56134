export default async function globalTeardown(): Promise<void> {
  await globalThis.__KENES_TEST_TEARDOWN__?.();
}
