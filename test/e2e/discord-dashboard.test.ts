import { afterEach, describe, expect, it } from 'vitest';
import { inboxBacklog } from '../../src/discord/inbox.ts';
import { discordRoles } from '../../src/web/role-sources.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { useBotHarness } from '../support/bot-harness.ts';
import type { FakeDiscord, RestCall } from '../support/fake-discord.ts';

const MENTOR_ROLE_ID = '880000000000000001';
const MENTOR = '710000000000000002';
const MEMBER = '710000000000000001';

const startHarness = useBotHarness();
let web: WebServer | undefined;
afterEach(async () => {
  await web?.close();
  web = undefined;
});

const contentOf = (call: RestCall) => String((call.body as { content?: string } | undefined)?.content ?? '');

async function slashDashboard(fake: FakeDiscord, userId: string) {
  const { token } = await fake.sendInteraction({ userId, username: 'maya', command: 'mentor', subcommand: 'dashboard' });
  const deferred = await fake.waitForCall((c) => c.path.includes(token) && c.path.endsWith('/callback'));
  const reply = await fake.waitForCall((c) => c.method === 'PATCH' && c.path.includes(token) && c.path.endsWith('@original'));
  return { ephemeral: (deferred.body as { data?: { flags?: number } }).data?.flags === 64, text: contentOf(reply) };
}

describe('/mentor dashboard over Discord (loopback Discord)', () => {
  it('replies privately with a link; the dashboard reads the role from the community guild on every request', async () => {
    const { fake, app, bot } = await startHarness({
      fake: { roles: [{ id: MENTOR_ROLE_ID, name: 'Mentor' }] },
      settings: (f) => ({ guildId: f.guildId, mentorRoleId: MENTOR_ROLE_ID }),
      env: { WEB_PORT: '0' },
    });
    fake.setMember(MENTOR, { roles: [MENTOR_ROLE_ID] });
    fake.setMember(MEMBER, { roles: [] });
    web = await startWebServer(app, {
      roles: discordRoles(() => bot.client, { guildId: fake.guildId, mentorRoleId: MENTOR_ROLE_ID }),
      discord: () => (bot.client.isReady() ? 'ready' : 'connecting'),
      inboxBacklog: () => inboxBacklog(app.db),
    });

    const refused = await slashDashboard(fake, MEMBER);
    expect(refused.ephemeral).toBe(true);
    expect(refused.text).toMatch(/Only mentors can use \/mentor/);

    const { ephemeral, text } = await slashDashboard(fake, MENTOR);
    expect(ephemeral).toBe(true);
    const link = text.match(/http:\/\/127\.0\.0\.1:\d+\/signin\/[\w-]{43}/)?.[0] ?? '';
    expect(link).not.toBe('');
    const signedIn = await fetch(`${web.url}/signin`, {
      method: 'POST',
      body: new URLSearchParams({ token: link.split('/').pop() ?? '' }),
      headers: { origin: web.url },
      redirect: 'manual',
    });
    expect(signedIn.status).toBe(303);
    const cookie = (signedIn.headers.get('set-cookie') ?? '').split(';')[0] ?? '';
    expect((await fetch(`${web.url}/mentees`, { headers: { cookie } })).status).toBe(200);
    expect(JSON.parse(await (await fetch(`${web.url}/healthz`)).text())).toMatchObject({ db: 'ok', discord: 'ready' });

    // The role is taken away in Discord: the very next request is refused.
    fake.setMember(MENTOR, { roles: [] });
    const after = await fetch(`${web.url}/mentees`, { headers: { cookie } });
    expect(after.status).toBe(403);
    expect(await after.text()).toContain('Only mentors can use /mentor');
  });
});
