import { hostname } from 'node:os';

/** Who holds a claim: this host and process, so another process can tell whether the holder is still running. */
export const THIS_PROCESS = `${hostname()}:${process.pid}`;

/**
 * Whether the process that made a claim is known to have stopped: it ran on
 * this host and no process has its id any more. A claim from another host,
 * or whose process may still be running, is not known to be abandoned.
 */
export function claimantStopped(claimant: string | null): boolean {
  if (!claimant) return false;
  const separator = claimant.lastIndexOf(':');
  const host = claimant.slice(0, separator);
  const pid = Number(claimant.slice(separator + 1));
  if (host !== hostname() || !Number.isInteger(pid) || pid <= 0 || pid === process.pid) return false;
  try {
    process.kill(pid, 0);
    return false;
  } catch (error) {
    return (error as NodeJS.ErrnoException).code === 'ESRCH';
  }
}
