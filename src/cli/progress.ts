import type { IndexProgress } from '../knowledge/index-store.ts';

/** A one-line progress counter on an interactive stderr; silent when piped (logs say it instead). */
export function terminalProgress(stream: NodeJS.WriteStream = process.stderr): IndexProgress | undefined {
  if (!stream.isTTY) return undefined;
  return (done, total) => {
    stream.write(`\rIndexing knowledge: ${done}/${total} chunks`);
    if (done === total) stream.write('\n');
  };
}
