/** Reports `done` of `total` units of work. */
export type Progress = (done: number, total: number) => void;

/** A one-line progress counter on an interactive stderr; silent when piped (logs say it instead). */
export function terminalProgress(label: string, unit: string, stream: NodeJS.WritableStream & { isTTY?: boolean } = process.stderr): Progress | undefined {
  if (!stream.isTTY) return undefined;
  return (done, total) => {
    stream.write(`\r${label}: ${done}/${total} ${unit}`);
    if (done === total) stream.write('\n');
  };
}
