/** At most `limit` attempts per key (an IP address) in each window; cheap enough to sit in front of sign-in. */
export function createRateLimit(limit: number, windowMs: number, now: () => number) {
  const windows = new Map<string, { count: number; resetAt: number }>();
  return {
    /** Counts an attempt; false once the key has used up its window. */
    allow(key: string): boolean {
      const at = now();
      if (windows.size > 10_000) for (const [k, w] of windows) if (w.resetAt <= at) windows.delete(k);
      const current = windows.get(key);
      if (!current || current.resetAt <= at) {
        windows.set(key, { count: 1, resetAt: at + windowMs });
        return true;
      }
      current.count++;
      return current.count <= limit;
    },
  };
}
