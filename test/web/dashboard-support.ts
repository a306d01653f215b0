import { handleLine } from '../../src/commands/dispatch.ts';
import type { DiscordState } from '../../src/core/health.ts';
import type { Inbound, Reply } from '../../src/core/types.ts';
import type { App } from '../../src/main.ts';
import { startWebServer, type WebServer } from '../../src/web/server.ts';
import { testApp } from '../support/app.ts';

/** A fresh app with the dashboard listening on a free port; the mentor's roles can be changed between requests. */
export type Dashboard = {
  app: App;
  web: WebServer;
  clock: { now: number };
  /** The roles the terminal's mentor holds right now. */
  mentorRoles: string[];
  discord: { state: DiscordState };
  as(who: { memberId: string; displayName?: string; roles?: string[] }, text: string): Promise<Reply>;
  close(): Promise<void>;
};

export const MENTOR = { memberId: 'mentor-1', displayName: 'Maya', roles: ['mentor'] };
export const member = (id: string, displayName = id) => ({ memberId: id, displayName });

export async function startDashboard(env: Record<string, string> = {}): Promise<Dashboard> {
  const clock = { now: Date.parse('2026-11-23T10:00:00Z') };
  const app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000', WEB_PORT: '0', ...env }, { llm: null, now: () => clock.now });
  const mentorRoles = ['mentor'];
  const discord = { state: 'off' as DiscordState };
  const web = await startWebServer(app, {
    roles: async (id) => ({ roles: id === MENTOR.memberId ? mentorRoles : [] }),
    discord: () => discord.state,
  });
  return {
    app,
    web,
    clock,
    mentorRoles,
    discord,
    async as(who, text) {
      const message: Inbound = { ...who, origin: { kind: 'terminal', conversationId: `terminal:${who.memberId}` }, text };
      clock.now += 1000;
      return handleLine(app.commands, app.core, message);
    },
    async close() {
      await web.close();
      app.close();
    },
  };
}

/** The sign-in link a mentor gets from /mentor dashboard. */
export async function linkFor(d: Dashboard, who: { memberId: string; displayName?: string; roles?: string[] } = MENTOR): Promise<string> {
  const reply = await d.as(who, '/mentor dashboard');
  const url = reply.text.match(/https?:\/\/\S+\/signin\/\S+/)?.[0];
  if (!url) throw new Error(`no link in: ${reply.text}`);
  return url;
}

export const tokenOf = (link: string) => link.slice(link.lastIndexOf('/') + 1);

/** Presses the sign-in button of a link, as the browser would (same origin). */
export function redeem(d: Dashboard, token: string, origin = d.web.url): Promise<Response> {
  return fetch(`${d.web.url}/signin`, { method: 'POST', body: new URLSearchParams({ token }), redirect: 'manual', headers: { origin } });
}

/** Signs the mentor in and returns the session cookie to send. */
export async function signIn(d: Dashboard): Promise<string> {
  const response = await redeem(d, tokenOf(await linkFor(d)));
  const cookie = response.headers.get('set-cookie');
  if (response.status !== 303 || !cookie) throw new Error(`sign-in failed: ${response.status}`);
  return cookie.split(';')[0] ?? '';
}

export async function page(d: Dashboard, path: string, cookie?: string): Promise<{ status: number; body: string; headers: Headers }> {
  const response = await fetch(`${d.web.url}${path}`, { headers: cookie ? { cookie } : {}, redirect: 'manual' });
  return { status: response.status, body: await response.text(), headers: response.headers };
}

/** The CSRF token of the forms on a page. */
export const csrfOf = (html: string) => html.match(/name="csrf" value="([^"]+)"/)?.[1] ?? '';

export function post(d: Dashboard, path: string, form: Record<string, string>, cookie: string, origin = d.web.url): Promise<Response> {
  return fetch(`${d.web.url}${path}`, { method: 'POST', body: new URLSearchParams(form), headers: { cookie, origin }, redirect: 'manual' });
}

export const auditRows = (app: App, memberId: string) =>
  app.db.$client.prepare('SELECT actor_id, action, detail FROM audit_log WHERE member_id = ? ORDER BY id').all(memberId) as {
    actor_id: string;
    action: string;
    detail: string;
  }[];

export { testApp };
