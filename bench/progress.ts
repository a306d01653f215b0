// Progress on stderr: a bar redrawn in place on a terminal, plain periodic lines otherwise (logs, CI).

export type Progress = {
  /** How many of the total are done; cheap to call often, it redraws at most a few times a second. */
  update(done: number, note?: string): void;
  finish(note?: string): void;
};

const BAR_WIDTH = 30;
const REDRAW_MS = 100;
const LINE_EVERY_MS = 10_000;

export function progress(label: string, total: number, stream: NodeJS.WriteStream = process.stderr): Progress {
  const started = performance.now();
  const tty = stream.isTTY === true;
  // Plain lines start one interval in, so a short task prints only its final line.
  let lastDraw = tty ? 0 : started;
  let lastDone = 0;
  const n = (value: number) => value.toLocaleString('en-GB');

  const line = (done: number, note: string | undefined) => {
    const seconds = (performance.now() - started) / 1000;
    const share = total > 0 ? Math.min(1, done / total) : 1;
    const text = `${label}: ${n(done)}/${n(total)} (${Math.floor(share * 100)} %) ${seconds.toFixed(0)} s${note ? `, ${note}` : ''}`;
    if (!tty) return `${text}\n`;
    const filled = Math.round(share * BAR_WIDTH);
    return `\r[${'#'.repeat(filled)}${'-'.repeat(BAR_WIDTH - filled)}] ${text}\u001b[K`;
  };

  return {
    update(done, note) {
      lastDone = done;
      const now = performance.now();
      if (now - lastDraw < (tty ? REDRAW_MS : LINE_EVERY_MS)) return;
      lastDraw = now;
      stream.write(line(done, note));
    },
    finish(note) {
      stream.write(line(Math.max(lastDone, total), note));
      if (tty) stream.write('\n');
    },
  };
}
