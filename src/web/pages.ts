import { html } from 'hono/html';
import type { HtmlEscapedString } from 'hono/utils/html';
import type { CoverageGaps, MenteeDetail } from '../mentors/dashboard.ts';
import type { FlaggedTurn, LoggedTurn, Mentee } from '../mentors/review.ts';

/**
 * Server-rendered pages. Every value is interpolated through hono's `html`
 * template, which escapes it: member text is shown as text, never as markup.
 */
type Html = HtmlEscapedString | Promise<HtmlEscapedString>;

const when = (ms: number | null) => (ms === null ? 'never' : `${new Date(ms).toISOString().slice(0, 16).replace('T', ' ')} UTC`);
const rating = (helpful: boolean | null) => (helpful === null ? 'not rated' : helpful ? '👍' : '👎');
const CHECKIN_WORDS: Record<string, string> = { 'on-track': 'on track', stuck: 'stuck', skip: 'skipped' };

export function layout(title: string, body: Html, csrf?: string): Html {
  return html`<!doctype html>
<html lang="en"><head><meta charset="utf-8"><meta name="viewport" content="width=device-width, initial-scale=1">
<title>${title} · Pivot mentors</title><link rel="stylesheet" href="/style.css"></head>
<body><header><strong>Pivot mentors</strong>${
    csrf === undefined
      ? ''
      : html`<nav><a href="/mentees">Mentees</a><a href="/flagged">Flagged</a><a href="/gaps">Coverage gaps</a></nav>
<form method="post" action="/signout"><input type="hidden" name="csrf" value="${csrf}"><button type="submit">Sign out</button></form>`
  }</header>
<main>${body}</main></body></html>`;
}

/** The plain page for 401/403/404/429: a sentence and nothing else. */
export function plainPage(title: string, message: string): Html {
  return layout(title, html`<h1>${title}</h1><p>${message}</p>`);
}

export function signInPage(token: string): Html {
  return layout(
    'Sign in',
    html`<h1>Sign in to the mentor dashboard</h1>
<p>This link works once. Signing in keeps you signed in on this browser for up to 12 hours.</p>
<form method="post" action="/signin"><input type="hidden" name="token" value="${token}"><button type="submit">Sign in</button></form>`,
  );
}

export const MENTEE_SORTS = ['member', 'track', 'progress', 'active', 'checkin'] as const;
export type MenteeSort = (typeof MENTEE_SORTS)[number];

export function sortMentees(mentees: Mentee[], sort: MenteeSort): Mentee[] {
  const share = (m: Mentee) => (m.total ? m.done / m.total : -1);
  const compare: Record<MenteeSort, (a: Mentee, b: Mentee) => number> = {
    member: (a, b) => a.memberId.localeCompare(b.memberId),
    track: (a, b) => (a.track ?? '~').localeCompare(b.track ?? '~'),
    progress: (a, b) => share(b) - share(a),
    active: (a, b) => (b.lastActive ?? 0) - (a.lastActive ?? 0),
    // Stuck first: they are who a mentor looks for.
    checkin: (a, b) => checkinRank(a) - checkinRank(b),
  };
  return [...mentees].sort((a, b) => compare[sort](a, b) || a.memberId.localeCompare(b.memberId));
}
const checkinRank = (m: Mentee) => ({ stuck: 0, skip: 1, 'on-track': 2 })[m.lastCheckin ?? 'skip'] + (m.lastCheckin ? 0 : 3);

export function menteesPage(mentees: Mentee[], sort: MenteeSort, csrf: string): Html {
  const head = (key: MenteeSort, label: string) =>
    key === sort ? html`<th aria-sort="descending">${label}</th>` : html`<th><a href="/mentees?sort=${key}">${label}</a></th>`;
  const rows = mentees.map(
    (
      m,
    ) => html`<tr><td><a href="/mentees/${encodeURIComponent(m.memberId)}">${m.memberId}</a></td><td>${m.track ?? 'no track'}${m.phase ? html`<br><span class="muted">${m.phase}</span>` : ''}</td>
<td>${m.total ? html`<progress max="${m.total}" value="${m.done}"></progress> ${m.done}/${m.total}` : html`<span class="muted">no milestones yet</span>`}</td>
<td>${when(m.lastActive)}</td><td>${m.lastCheckin ? CHECKIN_WORDS[m.lastCheckin] : html`<span class="muted">none yet</span>`}</td></tr>`,
  );
  return layout(
    'Mentees',
    html`<h1>Mentees (${mentees.length})</h1>
${
  mentees.length === 0
    ? html`<p>No member has allowed mentors to read their data yet.</p>`
    : html`<div class="table"><table><thead><tr>${head('member', 'Member')}${head('track', 'Track and phase')}${head('progress', 'Progress')}${head('active', 'Last active')}${head('checkin', 'Last check-in')}</tr></thead>
<tbody>${rows}</tbody></table></div>`
}`,
    csrf,
  );
}

function turnBlock(t: LoggedTurn | FlaggedTurn): Html {
  const who = 'memberId' in t ? html` · <a href="/mentees/${encodeURIComponent(t.memberId)}">${t.memberId}</a> · ${t.reason}` : '';
  return html`<article class="turn"><div class="muted">${when(t.at)}${who} · ${t.mode} · ${rating(t.helpful)}</div>
<p><strong>Question</strong></p><p class="text">${t.question}</p>
<p><strong>Answer</strong></p><p class="text">${t.answer}</p>
<p class="muted">Sources: ${t.sources.length ? t.sources.join(', ') : 'none'}</p></article>`;
}

export function menteePage(d: MenteeDetail, csrf: string, notice?: string): Html {
  const p = d.profile;
  const profileRows: [string, string | number | null | undefined][] = p
    ? [
        ['Role', p.role],
        ['Years', p.years],
        ['Stack', p.stack],
        ['Track', p.track],
        ['Hours a week', p.hours],
        ['Market', p.market],
        ['Time zone', p.timezone],
        ['Target', p.target],
        ['Goal', p.goal],
      ]
    : [];
  const base = `/mentees/${encodeURIComponent(d.memberId)}`;
  return layout(
    d.memberId,
    html`<h1>${d.memberId}</h1>
${notice ? html`<p class="notice" role="status">${notice}</p>` : ''}
<h2>Profile</h2>
${profileRows.length ? html`<table><tbody>${profileRows.map(([k, v]) => html`<tr><th>${k}</th><td>${v ?? html`<span class="muted">not set</span>`}</td></tr>`)}</tbody></table>` : html`<p class="muted">No profile yet.</p>`}
<h2>Roadmap progress</h2>
${
  d.total
    ? html`<p><progress max="${d.total}" value="${d.done}"></progress> ${d.done}/${d.total} milestones</p>
<table><tbody>${d.phases.map((ph) => html`<tr><td>${ph.title}</td><td><progress max="${ph.total}" value="${ph.done}"></progress> ${ph.done}/${ph.total}</td></tr>`)}</tbody></table>`
    : html`<p class="muted">No track chosen yet.</p>`
}
<h2>Projects</h2>
${d.projects.length ? html`<ul>${d.projects.map((pr) => html`<li><strong>${pr.name}</strong>${pr.url ? html` · <span class="text">${pr.url}</span>` : ''}${pr.summary ? html`<br><span class="text">${pr.summary}</span>` : ''}</li>`)}</ul>` : html`<p class="muted">No projects yet.</p>`}
<h2>Check-ins</h2>
${d.checkins.length ? html`<table><thead><tr><th>Week</th><th>Status</th><th>Answer</th></tr></thead><tbody>${d.checkins.map((c) => html`<tr><td>${c.week}</td><td>${c.status}</td><td>${c.response ? (CHECKIN_WORDS[c.response] ?? c.response) : html`<span class="muted">no answer</span>`}${c.blocker ? html`<br><span class="text">${c.blocker}</span>` : ''}</td></tr>`)}</tbody></table>` : html`<p class="muted">No check-ins yet.</p>`}
<h2>Notes</h2>
${d.notes.length ? html`<ul>${d.notes.map((n) => html`<li><span class="muted">${when(n.at)} · ${n.mentorName} · ${n.delivered ? 'seen' : 'waiting'}</span><br><span class="text">${n.text}</span></li>`)}</ul>` : html`<p class="muted">No notes yet.</p>`}
<form method="post" action="${base}/notes"><input type="hidden" name="csrf" value="${csrf}">
<label for="note">Leave a note (shown with their next private reply, up to 1000 characters)</label>
<textarea id="note" name="text" maxlength="1000" required></textarea><button type="submit">Send note</button></form>
<h2>Conversation log</h2>
${d.turns.length ? d.turns.map(turnBlock) : html`<p class="muted">No stored turns.</p>`}
<p>Page ${d.page} of ${d.pages}${d.page > 1 ? html` · <a href="${base}?page=${d.page - 1}">newer</a>` : ''}${d.page < d.pages ? html` · <a href="${base}?page=${d.page + 1}">older</a>` : ''}</p>`,
    csrf,
  );
}

export function flaggedPage(flagged: FlaggedTurn[], csrf: string): Html {
  return layout(
    'Flagged',
    html`<h1>Flagged (${flagged.length})</h1><p class="muted">Answers rated 👎 and questions the guides did not cover, from members who let mentors help; newest first.</p>
${flagged.length ? flagged.map(turnBlock) : html`<p>Nothing is flagged among members who let mentors help.</p>`}`,
    csrf,
  );
}

export function gapsPage(gaps: CoverageGaps, csrf: string): Html {
  const weeks = gaps.weeks;
  return layout(
    'Coverage gaps',
    html`<h1>Coverage gaps</h1><p class="muted">Questions the guides did not cover and answers rated 👎, from all members, by topic and ISO week. No member is named.</p>
${
  gaps.gaps.length
    ? html`<div class="table"><table><thead><tr><th>Topic</th><th>Why</th><th>Total</th>${weeks.map((w) => html`<th>${w.slice(5)}</th>`)}</tr></thead><tbody>
${gaps.gaps.map((g) => html`<tr><td>${g.topic}</td><td>${g.reason}</td><td>${g.total}</td>${weeks.map((w) => html`<td>${g.perWeek[w] ?? ''}</td>`)}</tr>`)}</tbody></table></div>`
    : html`<p>No gaps in the last ${weeks.length} weeks.</p>`
}`,
    csrf,
  );
}
