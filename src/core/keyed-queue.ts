import { countDequeued, countQueued } from './metrics.ts';

/**
 * Runs tasks one at a time per key (a member's messages are answered in
 * order) while different keys run side by side (members never wait for
 * each other).
 */
export type KeyedQueue = {
  run<T>(key: string, task: () => Promise<T>): Promise<T>;
  /** Tasks queued or running. */
  readonly pending: number;
  /** Resolves true once nothing is pending, or false when `timeoutMs` passes first. */
  idle(timeoutMs: number): Promise<boolean>;
};

export function createKeyedQueue(): KeyedQueue {
  const tails = new Map<string, Promise<unknown>>();
  const depths = new Map<string, number>();
  let pending = 0;
  let waiters: (() => void)[] = [];
  const settle = (key: string) => {
    pending--;
    countDequeued();
    const left = (depths.get(key) ?? 1) - 1;
    if (left > 0) depths.set(key, left);
    else depths.delete(key);
    if (pending === 0) {
      for (const wake of waiters) wake();
      waiters = [];
    }
  };
  return {
    get pending() {
      return pending;
    },
    run(key, task) {
      pending++;
      const depth = (depths.get(key) ?? 0) + 1;
      depths.set(key, depth);
      countQueued(depth);
      const previous = tails.get(key) ?? Promise.resolve();
      const result = previous.catch(() => undefined).then(task);
      const tail = result.finally(() => settle(key)).catch(() => undefined);
      tails.set(key, tail);
      void tail.then(() => {
        if (tails.get(key) === tail) tails.delete(key);
      });
      return result;
    },
    idle(timeoutMs) {
      if (pending === 0) return Promise.resolve(true);
      return new Promise((resolve) => {
        const timer = setTimeout(() => resolve(false), timeoutMs);
        waiters.push(() => {
          clearTimeout(timer);
          resolve(true);
        });
      });
    },
  };
}
