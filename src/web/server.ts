import { timingSafeEqual } from 'node:crypto';
import type { AddressInfo } from 'node:net';
import { serve } from '@hono/node-server';
import { getConnInfo } from '@hono/node-server/conninfo';
import { type Context, Hono } from 'hono';
import { bodyLimit } from 'hono/body-limit';
import { deleteCookie, getCookie, setCookie } from 'hono/cookie';
import { csrf } from 'hono/csrf';
import { HTTPException } from 'hono/http-exception';
import { secureHeaders } from 'hono/secure-headers';
import { findAction } from '../commands/registry.ts';
import { UserFacingError } from '../core/errors.ts';
import { checkHealth, type DiscordState } from '../core/health.ts';
import { isMemberId } from '../core/member-id.ts';
import { collectProcessMetrics, measureInboxBacklog, metricsRegistry } from '../core/metrics.ts';
import type { Inbound } from '../core/types.ts';
import type { App } from '../main.ts';
import { requireMentor } from '../mentors/access.ts';
import type { Actor } from '../mentors/audit.ts';
import { coverageGaps, readMentee } from '../mentors/dashboard.ts';
import { listMentees, readFlagged } from '../mentors/review.ts';
import { type DashboardSession, SESSION_TTL_MS } from '../mentors/sign-in.ts';
import { flaggedPage, gapsPage, MENTEE_SORTS, type MenteeSort, menteePage, menteesPage, plainPage, signInPage, sortMentees } from './pages.ts';
import { createRateLimit } from './rate-limit.ts';
import { STYLESHEET } from './style.ts';

/** A caller's roles as the core understands them, looked up afresh (Discord: the community guild; terminal: --roles). */
export type RoleSource = (memberId: string) => Promise<Pick<Inbound, 'roles' | 'rolesUnknown'>>;

export type WebOptions = {
  roles: RoleSource;
  discord: () => DiscordState;
  /** Reads the Discord inbox backlog for /metrics; absent without Discord. */
  inboxBacklog?: () => number;
};

const COOKIE = 'pivot_session';
const MAX_BODY_BYTES = 16 * 1024;
const SIGN_IN_ATTEMPTS = 10;
const SIGN_IN_WINDOW_MS = 10 * 60_000;

type Env = { Variables: { session: DashboardSession; sessionId: string; mentor: Actor } };

/**
 * The mentor dashboard, /healthz and /metrics: an adapter over the core. It
 * reads through the mentor modules (which audit every read in the same
 * transaction) and writes notes through the `/mentor note` command.
 */
export function createWebApp(app: App, options: WebOptions): Hono<Env> {
  const signIn = app.core.dashboard;
  if (!signIn) throw new Error('the dashboard needs WEB_PORT (createApp builds its sign-in only then)');
  const secureCookie = app.config.web?.publicUrl?.startsWith('https://') ?? false;
  const publicOrigin = app.config.web?.publicUrl ? new URL(app.config.web.publicUrl).origin : undefined;
  const redemptions = createRateLimit(SIGN_IN_ATTEMPTS, SIGN_IN_WINDOW_MS, app.core.now);
  const web = new Hono<Env>();

  web.use(
    secureHeaders({
      contentSecurityPolicy: {
        defaultSrc: ["'none'"],
        styleSrc: ["'self'"],
        imgSrc: ["'self'"],
        formAction: ["'self'"],
        frameAncestors: ["'none'"],
        baseUri: ["'none'"],
      },
      referrerPolicy: 'no-referrer',
      crossOriginResourcePolicy: 'same-origin',
      xFrameOptions: 'DENY',
    }),
  );
  web.use(async (c, next) => {
    await next();
    if (!c.res.headers.has('Cache-Control')) c.header('Cache-Control', 'no-store');
  });
  web.use(bodyLimit({ maxSize: MAX_BODY_BYTES, onError: (c) => c.html(plainPage('Too large', 'That request is too large.'), 413) }));
  // Forms are only accepted from the dashboard's own pages (behind a proxy: PUBLIC_URL's origin).
  web.use(csrf({ origin: (origin, c) => origin === publicOrigin || origin === new URL(c.req.url).origin }));

  web.get('/healthz', (c) => {
    const health = checkHealth(app.db, options.discord());
    return c.json(health.body, health.healthy ? 200 : 503);
  });
  measureInboxBacklog(options.inboxBacklog);
  collectProcessMetrics();
  web.get('/metrics', async (c) => c.text(await metricsRegistry.metrics(), 200, { 'Content-Type': metricsRegistry.contentType }));
  web.get('/style.css', (c) => c.body(STYLESHEET, 200, { 'Content-Type': 'text/css; charset=utf-8', 'Cache-Control': 'max-age=3600' }));

  // The link only shows a button: link previews and prefetchers must not spend the token.
  web.get('/signin/:token', (c) => c.html(signInPage(c.req.param('token'))));
  web.post('/signin', async (c) => {
    if (!redemptions.allow(clientAddress(c)))
      return c.html(plainPage('Too many attempts', 'Too many sign-in attempts from here. Wait a few minutes and ask for a new link.'), 429);
    const form = await c.req.parseBody();
    const redeemed = typeof form.token === 'string' ? signIn.redeem(form.token) : undefined;
    if (!redeemed)
      return c.html(plainPage('Link not valid', 'This sign-in link was already used or has expired. Ask for a new one with /mentor dashboard.'), 401);
    setCookie(c, COOKIE, redeemed.sessionId, {
      httpOnly: true,
      sameSite: 'Strict',
      secure: secureCookie,
      path: '/',
      maxAge: Math.floor(SESSION_TTL_MS / 1000),
    });
    app.log.info({ memberId: redeemed.session.mentor.id }, 'mentor signed in to the dashboard');
    return c.redirect('/mentees', 303);
  });

  // Everything below is for mentors only, checked on every request.
  const mentorsOnly = web.use('*', async (c, next) => {
    const sessionId = getCookie(c, COOKIE);
    const session = sessionId ? signIn.session(sessionId) : undefined;
    if (!sessionId || !session) {
      return c.html(plainPage('Not signed in', 'Sign in with the link from /mentor dashboard.'), 401);
    }
    try {
      const roles = await options.roles(session.mentor.id);
      requireMentor({
        memberId: session.mentor.id,
        displayName: session.mentor.name,
        origin: { kind: 'cli', conversationId: 'dashboard' },
        text: '',
        ...roles,
      });
    } catch (error) {
      if (!(error instanceof UserFacingError)) throw error;
      signIn.end(sessionId);
      deleteCookie(c, COOKIE, { path: '/' });
      return c.html(plainPage('Not allowed', error.message), 403);
    }
    c.set('session', session);
    c.set('sessionId', sessionId);
    c.set('mentor', session.mentor);
    await next();
  });

  mentorsOnly.get('/', (c) => c.redirect('/mentees', 303));
  mentorsOnly.get('/mentees', (c) => {
    const asked = c.req.query('sort');
    const sort: MenteeSort = MENTEE_SORTS.includes(asked as MenteeSort) ? (asked as MenteeSort) : 'active';
    return c.html(menteesPage(sortMentees(listMentees(app.core, c.get('mentor')), sort), sort, c.get('session').csrf));
  });
  mentorsOnly.get('/mentees/:id', (c) => showMentee(c, 200, c.req.query('noted') ? 'Noted: they will see it with their next private reply.' : undefined));
  mentorsOnly.post('/mentees/:id/notes', async (c) => {
    const form = await c.req.parseBody();
    if (!sameSecret(form.csrf, c.get('session').csrf)) return c.html(plainPage('Not allowed', 'This form has expired. Reload the page and try again.'), 403);
    // The same action, option rules and audit as `/mentor note`.
    const note = findAction(app.commands, 'mentor', 'note');
    const member = note?.options.member?.schema.safeParse(c.req.param('id'));
    const text = note?.options.text?.schema.safeParse(typeof form.text === 'string' ? form.text : '');
    if (!note || !member?.success) return c.html(plainPage('Not available', 'This member is not available to mentors.'), 404);
    if (!text?.success) return showMentee(c, 400, `The note was not sent: it ${text?.error?.issues[0]?.message ?? 'is not valid'}.`);
    const mentor = c.get('mentor');
    try {
      const roles = await options.roles(mentor.id);
      await note.run(
        {
          deps: app.core,
          inbound: { memberId: mentor.id, displayName: mentor.name, origin: { kind: 'cli', conversationId: 'dashboard' }, text: '', ...roles },
        },
        { member: member.data, text: text.data },
      );
      return c.redirect(`/mentees/${encodeURIComponent(String(member.data))}?noted=1`, 303);
    } catch (error) {
      if (error instanceof UserFacingError) return c.html(plainPage('Not available', 'This member is not available to mentors.'), 404);
      throw error;
    }
  });
  mentorsOnly.get('/flagged', (c) => c.html(flaggedPage(readFlagged(app.core, c.get('mentor')), c.get('session').csrf)));
  mentorsOnly.get('/gaps', (c) => c.html(gapsPage(coverageGaps(app.core), c.get('session').csrf)));
  mentorsOnly.post('/signout', async (c) => {
    const form = await c.req.parseBody();
    if (!sameSecret(form.csrf, c.get('session').csrf)) return c.html(plainPage('Not allowed', 'This form has expired. Reload the page and try again.'), 403);
    signIn.end(c.get('sessionId'));
    deleteCookie(c, COOKIE, { path: '/' });
    return c.html(plainPage('Signed out', 'You are signed out. Ask for a new link with /mentor dashboard.'));
  });
  web.notFound((c) => c.html(plainPage('Not found', 'There is no such page.'), 404));
  web.onError((error, c) => {
    // Middleware refusals (a cross-site form): a plain page with their status.
    if (error instanceof HTTPException && error.status < 500) return c.html(plainPage('Not allowed', 'This request is not allowed.'), error.status);
    app.log.error({ err: { name: error.name, message: error.message } }, 'dashboard request failed');
    return c.html(plainPage('Something went wrong', 'Something went wrong on our side. Please try again.'), 500);
  });

  function showMentee(c: Context<Env>, status: 200 | 400, notice?: string) {
    const id = c.req.param('id') ?? '';
    const page = Number.parseInt(c.req.query('page') ?? '1', 10);
    const detail = isMemberId(id) ? readMentee(app.core, c.get('mentor'), id, Number.isFinite(page) ? page : 1) : undefined;
    // A member who has not consented (or withdrew) is simply not there.
    if (!detail) return c.html(plainPage('Not available', 'This member is not available to mentors.'), 404);
    return c.html(menteePage(detail, c.get('session').csrf, notice), status);
  }

  return web;
}

function sameSecret(given: unknown, expected: string): boolean {
  if (typeof given !== 'string') return false;
  const a = Buffer.from(given);
  const b = Buffer.from(expected);
  return a.length === b.length && timingSafeEqual(a, b);
}

function clientAddress(c: Context): string {
  try {
    return getConnInfo(c).remote.address ?? 'unknown';
  } catch {
    return 'unknown';
  }
}

export type WebServer = { url: string; close(): Promise<void> };

/** Listens on WEB_HOST:WEB_PORT. Without PUBLIC_URL, sign-in links point at the address it listens on. */
export function startWebServer(app: App, options: WebOptions): Promise<WebServer> {
  const settings = app.config.web;
  if (!settings || !app.core.dashboard) throw new Error('startWebServer needs WEB_PORT');
  const dashboard = app.core.dashboard;
  const web = createWebApp(app, options);
  return new Promise((resolve, reject) => {
    const server = serve({ fetch: web.fetch, port: settings.port, hostname: settings.host }, (info: AddressInfo) => {
      const host = info.family === 'IPv6' ? `[${info.address}]` : info.address;
      const url = `http://${host}:${info.port}`;
      if (!settings.publicUrl) dashboard.baseUrl = url;
      app.log.info({ url, publicUrl: settings.publicUrl }, 'dashboard listening');
      resolve({
        url,
        close: () =>
          new Promise<void>((done) => {
            measureInboxBacklog(undefined);
            server.close(() => done());
            if ('closeAllConnections' in server) server.closeAllConnections();
          }),
      });
    });
    server.once('error', (error: NodeJS.ErrnoException) =>
      reject(
        error.code === 'EADDRINUSE' || error.code === 'EACCES' || error.code === 'EADDRNOTAVAIL'
          ? new UserFacingError(`The dashboard cannot listen on ${settings.host}:${settings.port} (${error.code}); set WEB_PORT to a free port or unset it.`)
          : error,
      ),
    );
  });
}
