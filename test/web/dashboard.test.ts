import { afterEach, beforeEach, describe, expect, it } from 'vitest';
import { recordFeedback } from '../../src/answer/feedback.ts';
import {
  auditRows,
  csrfOf,
  type Dashboard,
  linkFor,
  MENTOR,
  member,
  page,
  post,
  redeem,
  signIn,
  startDashboard,
  testApp,
  tokenOf,
} from './dashboard-support.ts';

let d: Dashboard;
beforeEach(async () => {
  d = await startDashboard();
});
afterEach(async () => {
  await d.close();
});

const PAGES = ['/mentees', '/mentees/ana', '/flagged', '/gaps'];
const notesOf = (memberId: string) => d.app.db.$client.prepare('SELECT text FROM mentor_notes WHERE member_id = ?').pluck().all(memberId);

async function consentingAna() {
  await d.as(member('ana'), '/privacy mentors:on');
  await d.as(member('ana'), '/profile set track:ml-platform');
  return d.as(member('ana'), 'How long does the switch to ML engineering take?');
}

describe('dashboard off', () => {
  it('is off without WEB_PORT: /mentor dashboard says so and issues no link', async () => {
    const app = testApp({}, { llm: null });
    try {
      expect(app.config.web).toBeUndefined();
      const { handleLine } = await import('../../src/commands/dispatch.ts');
      const reply = await handleLine(app.commands, app.core, { ...MENTOR, origin: { kind: 'terminal', conversationId: 't' }, text: '/mentor dashboard' });
      expect(reply.text).toBe('The mentor dashboard is off: the operator turns it on by setting WEB_PORT.');
    } finally {
      app.close();
    }
  });
});

describe('sign-in', () => {
  it('gives mentors alone a private single-use link; opening it shows a button and spends nothing', async () => {
    expect((await d.as(member('bob'), '/mentor dashboard')).text).toMatch(/Only mentors can use \/mentor/);
    const reply = await d.as(MENTOR, '/mentor dashboard');
    expect(reply.visibility).toBe('private');
    expect(reply.text).toMatch(
      new RegExp(`^Your dashboard sign-in link \\(works once, until 10:1\\d UTC; do not share it\\):\\n${d.web.url}/signin/[\\w-]{43}$`),
    );

    const link = tokenOf(reply.text);
    const opened = await fetch(`${d.web.url}/signin/${link}`);
    expect(opened.status).toBe(200);
    expect(await opened.text()).toContain('<form method="post" action="/signin">');
    expect(opened.headers.get('set-cookie')).toBeNull();
    expect((await redeem(d, link)).status).toBe(303);
  });

  it('sets an HttpOnly, SameSite=Strict cookie for 12 hours, not Secure over http; the token cannot be used twice', async () => {
    const token = tokenOf(await linkFor(d));
    const first = await redeem(d, token);
    expect(first.status).toBe(303);
    expect(first.headers.get('location')).toBe('/mentees');
    const cookie = first.headers.get('set-cookie') ?? '';
    expect(cookie).toMatch(/^pivot_session=[\w-]{43}; Max-Age=43200; Path=\/; HttpOnly; SameSite=Strict$/);

    const again = await redeem(d, token);
    expect(again.status).toBe(401);
    expect(await again.text()).toContain('This sign-in link was already used or has expired.');
    expect(again.headers.get('set-cookie')).toBeNull();
  });

  it('refuses an expired token, an unknown one, and pages without a cookie or with a made-up one', async () => {
    const token = tokenOf(await linkFor(d));
    d.clock.now += 10 * 60_000;
    expect((await redeem(d, token)).status).toBe(401);
    expect((await redeem(d, 'not-a-token')).status).toBe(401);
    await consentingAna();
    for (const path of PAGES) {
      for (const cookie of [undefined, 'pivot_session=forged']) {
        const seen = await page(d, path, cookie);
        expect(seen.status).toBe(401);
        expect(seen.body).toContain('Sign in with the link from /mentor dashboard.');
        expect(seen.body).not.toContain('ana');
      }
    }
    expect(auditRows(d.app, 'ana')).toEqual([]);
  });

  it('ends the session after 12 hours', async () => {
    const cookie = await signIn(d);
    expect((await page(d, '/mentees', cookie)).status).toBe(200);
    d.clock.now += 12 * 60 * 60_000;
    expect((await page(d, '/mentees', cookie)).status).toBe(401);
  });

  it('limits token redemption per address', async () => {
    const statuses: number[] = [];
    for (let i = 0; i < 11; i++) statuses.push((await redeem(d, `guess-${i}`)).status);
    expect(statuses).toEqual([...Array(10).fill(401), 429]);
    // Even a good token waits for the window to pass.
    const token = tokenOf(await linkFor(d));
    expect((await redeem(d, token)).status).toBe(429);
    d.clock.now += 10 * 60_000 + 1;
    expect((await redeem(d, tokenOf(await linkFor(d)))).status).toBe(303);
  });

  it('re-checks the role on every request: a mentor who loses it loses access at once', async () => {
    await consentingAna();
    const cookie = await signIn(d);
    expect((await page(d, '/mentees/ana', cookie)).status).toBe(200);
    d.mentorRoles.length = 0;
    const refused = await page(d, '/mentees/ana', cookie);
    expect(refused.status).toBe(403);
    expect(refused.body).toContain('Only mentors can use /mentor');
    expect(refused.body).not.toContain('How long does the switch');
    // The session is gone: getting the role back needs a new link.
    d.mentorRoles.push('mentor');
    expect((await page(d, '/mentees', cookie)).status).toBe(401);
    expect(auditRows(d.app, 'ana')).toHaveLength(1);
  });

  it('makes the cookie Secure and the link public behind an https PUBLIC_URL', async () => {
    await d.close();
    d = await startDashboard({ PUBLIC_URL: 'https://mentors.example.org/' });
    const link = await linkFor(d);
    expect(link).toMatch(/^https:\/\/mentors\.example\.org\/signin\/[\w-]{43}$/);
    const response = await redeem(d, tokenOf(link), 'https://mentors.example.org');
    expect(response.headers.get('set-cookie')).toMatch(/; HttpOnly; Secure; SameSite=Strict$/);
  });
});

describe('pages', () => {
  it('sends a strict CSP and no script on any page', async () => {
    await consentingAna();
    const cookie = await signIn(d);
    for (const path of PAGES) {
      const seen = await page(d, path, cookie);
      expect(seen.status, path).toBe(200);
      expect(seen.headers.get('content-security-policy')).toBe(
        "default-src 'none'; style-src 'self'; img-src 'self'; form-action 'self'; frame-ancestors 'none'; base-uri 'none'",
      );
      expect(seen.headers.get('cache-control')).toBe('no-store');
      expect(seen.body).not.toMatch(/<script|style="|\son\w+=/i);
    }
  });

  it('lists consenting mentees with track, progress, last activity and last check-in, sortable, auditing each', async () => {
    await consentingAna();
    await d.as(member('cleo'), '/privacy mentors:on');
    await d.as(member('cleo'), '/profile set track:applied-ml');
    await d.as(member('bob'), '/profile set track:applied-ml');
    d.app.db.$client
      .prepare("INSERT INTO checkin_deliveries (member_id, week, status, attempts, claimed_at, response) VALUES ('cleo', '2026-W47', 'sent', 1, 0, 'stuck')")
      .run();
    const cookie = await signIn(d);
    const seen = (await page(d, '/mentees', cookie)).body;
    expect(seen).toContain('<h1>Mentees (2)</h1>');
    expect(seen).toMatch(
      /<a href="\/mentees\/ana">ana<\/a><\/td><td>ml-platform<br><span class="muted">[^<]+<\/span><\/td>\n<td><progress max="20" value="0"><\/progress> 0\/20<\/td>\n<td>2026-11-23 10:00 UTC<\/td><td><span class="muted">none yet<\/span><\/td>/,
    );
    expect(seen).toMatch(/<a href="\/mentees\/cleo">cleo<\/a>.*\n.*\n<td>never<\/td><td>stuck<\/td>/);
    expect(seen).not.toContain('bob');
    // Default order: most recently active first; by check-in: stuck first.
    expect(seen.indexOf('/mentees/ana"')).toBeLessThan(seen.indexOf('/mentees/cleo"'));
    const byCheckin = (await page(d, '/mentees?sort=checkin', cookie)).body;
    expect(byCheckin.indexOf('/mentees/cleo"')).toBeLessThan(byCheckin.indexOf('/mentees/ana"'));
    expect(auditRows(d.app, 'ana').map((r) => r.action)).toEqual(['mentees', 'mentees']);
    expect(auditRows(d.app, 'bob')).toEqual([]);
  });

  it('shows one mentee: profile, progress, projects, check-ins, notes and the log with sources and ratings, paged and audited', async () => {
    const first = await consentingAna();
    recordFeedback(d.app.db, { turnId: first.turnId ?? -1, memberId: 'ana', helpful: false, at: d.clock.now });
    await d.as(member('ana'), '/project add name:"Churn model" url:https://github.com/ana/churn summary:"Served with FastAPI"');
    await d.as(MENTOR, '/mentor note member:ana text:"Try the portfolio guide"');
    for (let i = 0; i < 21; i++) await d.as(member('ana'), `What salary can I expect in the UK, take ${i}?`);
    const cookie = await signIn(d);

    const seen = (await page(d, '/mentees/ana', cookie)).body;
    expect(seen).toContain('<tr><th>Track</th><td>ml-platform</td></tr>');
    expect(seen).toContain('<progress max="20" value="0"></progress> 0/20 milestones');
    expect(seen).toContain(
      '<strong>Churn model</strong> · <span class="text">https://github.com/ana/churn</span><br><span class="text">Served with FastAPI</span>',
    );
    expect(seen).toMatch(/Maya · seen<\/span><br><span class="text">Try the portfolio guide<\/span>/);
    expect(seen.match(/<article class="turn">/g)).toHaveLength(20);
    expect(seen).toContain('take 20?');
    expect(seen).not.toContain('How long does the switch');
    expect(seen).toMatch(/Sources: [a-z0-9-]+\//);
    expect(seen).toContain('Page 1 of 2 · <a href="/mentees/ana?page=2">older</a>');

    const older = (await page(d, '/mentees/ana?page=2', cookie)).body;
    expect(older.match(/<article class="turn">/g)).toHaveLength(2);
    expect(older).toMatch(/offline · 👎<\/div>\n<p><strong>Question<\/strong><\/p><p class="text">How long does the switch to ML engineering take\?/);
    expect(auditRows(d.app, 'ana').slice(-2)).toEqual([
      { actor_id: 'mentor-1', action: 'logs', detail: 'profile, progress, projects, check-ins, notes and 20 turns (page 1 of 2)' },
      { actor_id: 'mentor-1', action: 'logs', detail: 'profile, progress, projects, check-ins, notes and 2 turns (page 2 of 2)' },
    ]);
    // The member sees the read in /privacy.
    expect((await d.as(member('ana'), '/privacy')).text).toMatch(
      /Maya read your conversation log 2 times \(last: profile, progress, projects, check-ins, notes and 2 turns \(page 2 of 2\)\)/,
    );
  });

  it('shows flagged answers of consenting members only, and coverage gaps from everyone without ids or names', async () => {
    for (const id of ['ana', 'bob']) {
      await d.as(member(id, id === 'bob' ? 'Bobby Tables' : 'Ana'), `/privacy mentors:${id === 'ana' ? 'on' : 'off'}`);
      const rated = await d.as(member(id), 'What does an ML engineer earn in the UK?');
      recordFeedback(d.app.db, { turnId: rated.turnId ?? -1, memberId: id, helpful: false, at: d.clock.now });
      await d.as(member(id), 'Where is the best pizza in Rome?');
    }
    const cookie = await signIn(d);
    const flagged = (await page(d, '/flagged', cookie)).body;
    expect(flagged).toContain('<h1>Flagged (2)</h1>');
    expect(flagged).toContain('<a href="/mentees/ana">ana</a> · not covered');
    expect(flagged).toContain('<a href="/mentees/ana">ana</a> · thumbs-down');
    expect(flagged).not.toContain('bob');
    expect(auditRows(d.app, 'ana').map((r) => r.action)).toEqual(['flagged']);
    expect(auditRows(d.app, 'bob')).toEqual([]);

    const gaps = (await page(d, '/gaps', cookie)).body;
    expect(gaps).toMatch(/<tr><td>pizza<\/td><td>not covered<\/td><td>2<\/td>(<td><\/td>){7}<td>2<\/td><\/tr>/);
    expect(gaps).toMatch(/<tr><td>[a-z0-9-]+<\/td><td>thumbs-down<\/td><td>2<\/td>/);
    expect(gaps).toContain('<th>W41</th>');
    expect(gaps).toContain('<th>W48</th>');
    for (const who of ['ana', 'bob', 'Bobby', 'Rome']) expect(gaps).not.toContain(who);
    // Aggregates name nobody, so nobody's audit trail grows.
    expect(auditRows(d.app, 'bob')).toEqual([]);
  });

  it('drops a member who withdraws consent from every page on the next request', async () => {
    const first = await consentingAna();
    recordFeedback(d.app.db, { turnId: first.turnId ?? -1, memberId: 'ana', helpful: false, at: d.clock.now });
    const cookie = await signIn(d);
    for (const path of ['/mentees', '/mentees/ana', '/flagged']) expect((await page(d, path, cookie)).body, path).toContain('ana');
    await d.as(member('ana'), '/privacy mentors:off');
    const audited = auditRows(d.app, 'ana').length;
    expect((await page(d, '/mentees', cookie)).body).toContain('No member has allowed mentors to read their data yet.');
    const one = await page(d, '/mentees/ana', cookie);
    expect(one.status).toBe(404);
    expect(one.body).not.toContain('How long');
    expect((await page(d, '/flagged', cookie)).body).not.toContain('ana');
    expect(auditRows(d.app, 'ana')).toHaveLength(audited);
  });

  it('renders markup in questions, names, notes, profile and project fields as text', async () => {
    const attack = '<img src=x onerror=alert(1)>';
    await d.as(member('ana'), '/privacy mentors:on');
    await d.as(member('ana'), `/profile set goal:"${attack}"`);
    await d.as(member('ana'), `/project add name:"${attack}" summary:"<script>alert(2)</script>"`);
    await d.as(member('ana'), `Is ${attack} a good <b>portfolio</b> idea?`);
    await d.as({ ...MENTOR, displayName: '<svg onload=alert(3)>' }, `/mentor note member:ana text:"${attack}"`);
    const cookie = await signIn(d);
    const seen = (await page(d, '/mentees/ana', cookie)).body;
    expect(seen).not.toMatch(/<img|<script|<svg|<b>/);
    expect(seen).toContain('&lt;img src=x onerror=alert(1)&gt;');
    expect(seen).toContain('&lt;script&gt;alert(2)&lt;/script&gt;');
    expect(seen).toContain('&lt;svg onload=alert(3)&gt;');
    expect(seen).toContain('&lt;b&gt;portfolio&lt;/b&gt;');
    for (const path of ['/flagged', '/gaps', '/mentees']) expect((await page(d, path, cookie)).body).not.toMatch(/<img|<script|<svg|<b>/);
  });

  it('answers unknown pages and member ids that are not ids with a plain 404', async () => {
    const cookie = await signIn(d);
    expect((await page(d, '/nowhere', cookie)).status).toBe(404);
    expect((await page(d, `/mentees/${encodeURIComponent('<b>')}`, cookie)).status).toBe(404);
    expect((await page(d, '/mentees/stranger', cookie)).status).toBe(404);
  });
});

describe('notes from the dashboard', () => {
  it('writes the note as /mentor note does, with its audit row, and shows it on the page', async () => {
    await consentingAna();
    const cookie = await signIn(d);
    const csrf = csrfOf((await page(d, '/mentees/ana', cookie)).body);
    const sent = await post(d, '/mentees/ana/notes', { csrf, text: 'Look at the portfolio chapter @everyone' }, cookie);
    expect(sent.status).toBe(303);
    expect(sent.headers.get('location')).toBe('/mentees/ana?noted=1');
    expect(notesOf('ana')).toEqual(['Look at the portfolio chapter']);
    expect(auditRows(d.app, 'ana').at(-1)).toEqual({ actor_id: 'mentor-1', action: 'note', detail: '29 characters' });
    expect((await page(d, '/mentees/ana?noted=1', cookie)).body).toContain('Noted: they will see it with their next private reply.');
    expect((await d.as(member('ana'), '/help')).text).toMatch(/📝 Note from mentor Maya: Look at the portfolio chapter$/m);
  });

  it('refuses forged, cross-site, empty, oversized and unconsented notes, storing nothing', async () => {
    await consentingAna();
    await d.as(member('bob'), 'Hello there, what is MLOps?');
    const cookie = await signIn(d);
    const csrf = csrfOf((await page(d, '/mentees/ana', cookie)).body);
    expect((await post(d, '/mentees/ana/notes', { text: 'no token' }, cookie)).status).toBe(403);
    expect((await post(d, '/mentees/ana/notes', { csrf: 'x'.repeat(43), text: 'wrong token' }, cookie)).status).toBe(403);
    expect((await post(d, '/mentees/ana/notes', { csrf, text: 'from elsewhere' }, cookie, 'https://evil.example')).status).toBe(403);
    const empty = await post(d, '/mentees/ana/notes', { csrf, text: '   ' }, cookie);
    expect(empty.status).toBe(400);
    expect(await empty.text()).toContain('The note was not sent: it must not be empty.');
    expect((await post(d, '/mentees/ana/notes', { csrf, text: 'x'.repeat(1001) }, cookie)).status).toBe(400);
    expect((await post(d, '/mentees/ana/notes', { csrf, text: 'x'.repeat(20_000) }, cookie)).status).toBe(413);
    expect((await post(d, '/mentees/bob/notes', { csrf, text: 'hi bob' }, cookie)).status).toBe(404);
    expect(notesOf('ana')).toEqual([]);
    expect(notesOf('bob')).toEqual([]);
    expect(auditRows(d.app, 'bob')).toEqual([]);
  });

  it('signs out with the form, ending the session', async () => {
    const cookie = await signIn(d);
    const csrf = csrfOf((await page(d, '/mentees', cookie)).body);
    expect((await post(d, '/signout', { csrf }, cookie)).status).toBe(200);
    expect((await page(d, '/mentees', cookie)).status).toBe(401);
  });
});
