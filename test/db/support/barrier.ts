/**
 * The child side of a start line shared by several processes: `barrier(stage)`
 * prints the stage and waits for the next "go" line on stdin, which the test
 * sends once every process has printed it.
 */
const waiting: (() => void)[] = [];
let released = 0;

process.stdin.setEncoding('utf8').on('data', (chunk: string) => {
  const count = chunk.match(/go\n/g)?.length ?? 0;
  for (let i = 0; i < count; i++) waiting[released++]?.();
});

export function barrier(stage: string): Promise<void> {
  const wait = new Promise<void>((resolve) => waiting.push(resolve));
  process.stdout.write(`${stage}\n`);
  return wait;
}

/** The last line of a child's stdout: its JSON report. */
export function report(value: unknown): void {
  process.stdout.write(`${JSON.stringify(value)}\n`);
  process.stdin.destroy();
}
