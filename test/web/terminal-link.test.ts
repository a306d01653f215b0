import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { runCliProcess, tempDir } from '../support/cli.ts';

describe('/mentor dashboard in the terminal chat', () => {
  it('prints a sign-in link with --roles mentor and WEB_PORT set, and says the dashboard is off without WEB_PORT', async () => {
    const db = join(tempDir(), 'pivot.db');
    const on = await runCliProcess(['chat', '--member', 'maya', '--roles', 'mentor'], { DATABASE_PATH: db, WEB_PORT: '0' }, '/mentor dashboard\n');
    expect(on.code).toBe(0);
    expect(on.stdout).toMatch(
      /^Your dashboard sign-in link \(works once, until \d\d:\d\d UTC; do not share it\):\nhttp:\/\/127\.0\.0\.1:\d+\/signin\/[\w-]{43}\n/,
    );
    expect(on.stderr).toMatch(/Mentor dashboard, \/healthz and \/metrics at http:\/\/127\.0\.0\.1:\d+\./);

    const off = await runCliProcess(['chat', '--member', 'maya', '--roles', 'mentor'], { DATABASE_PATH: db }, '/mentor dashboard\n');
    expect(off.stdout).toBe('The mentor dashboard is off: the operator turns it on by setting WEB_PORT.\n\n');
    expect(off.stderr).not.toContain('Mentor dashboard');
  });

  it('stops with a clear message when the port is taken', async () => {
    const { createServer } = await import('node:net');
    const taken = createServer();
    await new Promise<void>((resolve) => taken.listen(0, '127.0.0.1', resolve));
    const port = (taken.address() as { port: number }).port;
    try {
      const result = await runCliProcess(['chat', '--roles', 'mentor'], { DATABASE_PATH: join(tempDir(), 'pivot.db'), WEB_PORT: String(port) }, '');
      expect(result.code).toBe(2);
      expect(result.stderr).toBe(`The dashboard cannot listen on 127.0.0.1:${port} (EADDRINUSE); set WEB_PORT to a free port or unset it.\n`);
    } finally {
      taken.close();
    }
  });
});
