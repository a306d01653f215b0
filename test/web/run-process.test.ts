import { join } from 'node:path';
import { afterEach, describe, expect, it } from 'vitest';
import { type CliProcess, spawnCli, tempDir } from '../support/cli.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';

let fake: FakeDiscord | undefined;
let child: CliProcess | undefined;
afterEach(async () => {
  await child?.kill('SIGKILL');
  await fake?.close();
  child = undefined;
  fake = undefined;
});

describe('`pivot run` with WEB_PORT and Discord', () => {
  it('serves /healthz with the gateway ready and /metrics, and stops cleanly on SIGTERM', async () => {
    fake = await startFakeDiscord();
    child = spawnCli(['run'], {
      DATABASE_PATH: join(tempDir(), 'pivot.db'),
      DISCORD_TOKEN: fake.token,
      DISCORD_APP_ID: fake.appId,
      DISCORD_API_URL: fake.apiURL,
      CHECKIN_CRON: '0 0 1 1 *',
      WEB_PORT: '0',
    });
    await child.waitForLog('Discord bot ready', 30_000);
    const url = child.stderr().match(/Mentor dashboard, \/healthz and \/metrics at (http:\/\/127\.0\.0\.1:\d+)\./)?.[1];
    expect(url).toBeDefined();
    const health = await fetch(`${url}/healthz`);
    expect(health.status).toBe(200);
    expect(await health.json()).toMatchObject({ db: 'ok', discord: 'ready' });
    expect(await (await fetch(`${url}/metrics`)).text()).toMatch(/^pivot_inbox_backlog 0$/m);
    expect((await fetch(`${url}/mentees`)).status).toBe(401);
    expect(await child.kill('SIGTERM')).toBe(0);
    await expect(fetch(`${url}/healthz`)).rejects.toThrow();
  });
});
