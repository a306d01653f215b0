import { spawnSync } from 'node:child_process';
import { hostname } from 'node:os';
import { Client, Events, GatewayIntentBits, Partials } from 'discord.js';
import { afterEach, describe, expect, it } from 'vitest';
import { claimCheckin, STUCK_CLAIM_MS, saveSchedule } from '../../src/checkins/store.ts';
import { runCheckinTick } from '../../src/checkins/tick.ts';
import { discordCheckinDelivery } from '../../src/discord/checkin-delivery.ts';
import type { App } from '../../src/main.ts';
import { testApp } from '../support/app.ts';
import { type FakeDiscord, startFakeDiscord } from '../support/fake-discord.ts';

const MONDAY_0905 = new Date('2026-11-30T09:05:00Z');
const DM_POST = { method: 'POST', path: /^\/channels\/\d+\/messages$/ };

let app: App | undefined;
let fake: FakeDiscord | undefined;
let client: Client | undefined;

afterEach(async () => {
  await client?.destroy();
  await fake?.close();
  app?.close();
  client = undefined;
  fake = undefined;
  app = undefined;
});

async function loggedIn(options: { nonceWindowMs?: number } = {}) {
  fake = await startFakeDiscord(options);
  client = new Client({
    intents: [GatewayIntentBits.Guilds, GatewayIntentBits.DirectMessages],
    partials: [Partials.Channel],
    rest: { api: fake.apiURL },
  });
  const ready = new Promise((resolve) => client?.once(Events.ClientReady, resolve));
  await client.login(fake.token);
  await ready;
  return { fake, client };
}

function scheduled(...members: string[]): App {
  app = testApp({}, { llm: null });
  for (const member of members) saveSchedule(app.db, member, { weekday: 1, time: '09:00', timezone: 'Europe/London' }, Date.now());
  return app;
}

const checkinsTo = (fake: FakeDiscord, member: string) => fake.botMessages().filter((m) => fake.dmRecipient(m.channelId ?? '') === member);

describe('check-in delivery faults', () => {
  it('a 502 after Discord created the check-in: the retry returns the same message, and the member has one check-in', async () => {
    const { fake, client } = await loggedIn();
    const app = scheduled('940000000000000001');
    fake.failNext(DM_POST, { status: 502, afterCommit: true });
    const report = await runCheckinTick(app.core, discordCheckinDelivery(client), MONDAY_0905);
    expect(report.sent.map((s) => s.member)).toEqual(['940000000000000001']);
    expect(fake.calls.filter((c) => c.method === DM_POST.method && DM_POST.path.test(c.path)).map((c) => c.status)).toEqual([502, 200]);
    expect(checkinsTo(fake, '940000000000000001')).toHaveLength(1);
  });

  it('a week taken over after its claim was abandoned: a check-in already in the DM is not sent again, even past the nonce window', async () => {
    const { fake, client } = await loggedIn({ nonceWindowMs: 0 });
    const member = '940000000000000002';
    const deliver = discordCheckinDelivery(client);
    const text = 'Weekly check-in: how did it go?';
    expect(await deliver({ memberId: member, week: '2026-W49', text })).toBe('sent');
    expect(await deliver({ memberId: member, week: '2026-W49', text, reclaimed: true })).toBe('sent');
    expect(checkinsTo(fake, member)).toHaveLength(1);
    // Another week's check-in is not mistaken for this one.
    expect(await deliver({ memberId: member, week: '2026-W50', text, reclaimed: true })).toBe('sent');
    expect(checkinsTo(fake, member)).toHaveLength(2);
  });
});

describe('claims left by a process that stopped', () => {
  const claimBy = (app: App, member: string, claimant: string, claimedAt: number) =>
    app.db.$client
      .prepare("INSERT INTO checkin_deliveries (member_id, week, status, attempts, claimed_at, claimed_by) VALUES (?, '2026-W49', 'sending', 1, ?, ?)")
      .run(member, claimedAt, claimant);

  it('are taken over at once when that process is gone from this host; a running one keeps its claim until it looks stuck', () => {
    const app = scheduled();
    const now = Date.now();
    const gone = spawnSync(process.execPath, ['-e', 'process.stdout.write(String(process.pid))'], { encoding: 'utf8' }).stdout;
    claimBy(app, 'crashed', `${hostname()}:${gone}`, now);
    claimBy(app, 'running', `${hostname()}:${process.ppid}`, now);
    claimBy(app, 'elsewhere', `another-host:${gone}`, now);
    expect(claimCheckin(app.db, 'crashed', '2026-W49', now + 1000)).toBe('reclaimed');
    expect(claimCheckin(app.db, 'crashed', '2026-W49', now + 1000)).toBeUndefined();
    expect(claimCheckin(app.db, 'running', '2026-W49', now + 1000)).toBeUndefined();
    expect(claimCheckin(app.db, 'elsewhere', '2026-W49', now + 1000)).toBeUndefined();
    expect(claimCheckin(app.db, 'running', '2026-W49', now + STUCK_CLAIM_MS)).toBe('reclaimed');
    expect(claimCheckin(app.db, 'elsewhere', '2026-W49', now + STUCK_CLAIM_MS)).toBe('reclaimed');
  });
});
