export default async function globalTeardown(): Promise<void> {
  await (globalThis as { __stopContainers?: () => Promise<void> }).__stopContainers?.();
}
