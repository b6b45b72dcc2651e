/**
 * Counts the Workers created in this (worker) global from now on. ORT's threaded WASM spawns numThreads - 1
 * pthread workers when it starts, so the count proves the thread pool exists instead of trusting a setting.
 */
export function countSpawnedWorkers(): () => number {
  let spawned = 0;
  const Original = globalThis.Worker;
  if (typeof Original !== 'function') return () => 0;
  globalThis.Worker = new Proxy(Original, {
    construct(target, args: ConstructorParameters<typeof Worker>, newTarget) {
      spawned += 1;
      return Reflect.construct(target, args, newTarget) as object;
    },
  });
  return () => spawned;
}
