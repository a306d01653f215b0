import { fillTemplate } from '../answer/prompts.ts';
import { UserFacingError } from '../core/errors.ts';
import type { Inbound, Reply } from '../core/types.ts';
import { retrieve } from '../knowledge/search.ts';
import { budgetSpentNotice, ModelBudgetSpent, ModelRateLimited } from '../llm/metered.ts';
import { doneMilestones, getMember, listProjects } from '../members/store.ts';
import { memberSummary } from '../members/summary.ts';
import { adviceExcerpts } from './advice.ts';
import { splitBullets } from './bullets.ts';
import type { ResumeDeps } from './deps.ts';
import { type GuardResult, guardNote, guardRewrite } from './guard.ts';
import { rewriteOffline } from './offline-rewrite.ts';

export const MAX_RESUME_CHARS = 20_000;
const MAX_BULLETS = 30;

/** The member's own words: what the honesty guard lets through untouched. */
function memberFacts(deps: ResumeDeps, memberId: string, input: string[]): string[] {
  const profile = getMember(deps.db, memberId)?.profile;
  const projects = listProjects(deps.db, memberId);
  return [
    ...input,
    // The track is where the member is heading, not work they have done: it vouches for nothing.
    ...Object.entries(profile ?? {})
      .filter(([key, v]) => key !== 'track' && v !== null)
      .map(([, v]) => String(v)),
    ...projects.flatMap((p) => [p.name, p.summary ?? '', p.url ?? '']),
  ];
}

/** The model's draft with any copy of our instructions removed; a draft that was little else counts as a failed call. */
function guardedDraft(deps: ResumeDeps, text: string): string {
  const guarded = deps.outputGuard.check(text);
  if (!guarded.meaningful) throw new Error('the model answered with a copy of our instructions');
  return guarded.text;
}

export function validateResumeText(text: string): string[] {
  if (!text.trim()) throw new UserFacingError('Give me the bullets to rewrite: /resume rewrite bullet:"Built a payments API in Go serving 2,000 requests/s"');
  if (text.length > MAX_RESUME_CHARS) {
    throw new UserFacingError(
      `That is ${text.length.toLocaleString('en-GB')} characters; I take up to ${MAX_RESUME_CHARS.toLocaleString('en-GB')} (about 20 KB). Send the bullets for one role at a time.`,
    );
  }
  // biome-ignore lint/suspicious/noControlCharactersInRegex: binary files are full of control characters
  if (/[\u0000-\u0008\u000e-\u001f]/.test(text))
    throw new UserFacingError('That looks like a binary file. Send plain text (.txt or .md), one bullet per line.');
  const bullets = splitBullets(text);
  if (bullets.length > MAX_BULLETS) throw new UserFacingError(`That is ${bullets.length} bullets; I take up to ${MAX_BULLETS} at a time.`);
  return bullets;
}

/**
 * Rewrites CV bullets toward ML roles, with the model when there is one, then
 * runs the honesty guard over the result whichever wrote it.
 */
export async function rewriteBullets(deps: ResumeDeps, inbound: Inbound, text: string): Promise<Reply> {
  const bullets = validateResumeText(text);
  const advice = retrieve(deps.db, 'rewrite resume cv bullets for ml roles wording outcome', 3).hits;
  let draft: string | undefined;
  let mode: 'llm' | 'offline' = 'offline';
  let notice: string | undefined;
  if (deps.llm) {
    try {
      const member = getMember(deps.db, inbound.memberId);
      const completion = await deps.llm.complete({ memberId: inbound.memberId, purpose: 'resume-rewrite' }, [
        {
          role: 'user',
          content: fillTemplate(deps.prompts.resumeRewrite, {
            advice: adviceExcerpts(advice),
            member: memberSummary(deps.roadmaps, member, doneMilestones(deps.db, inbound.memberId), deps.now()),
            bullets: bullets.map((b) => `- ${b}`).join('\n'),
          }),
        },
      ]);
      draft = guardedDraft(deps, completion.text);
      mode = 'llm';
    } catch (error) {
      if (error instanceof ModelRateLimited) return { text: error.message, citations: [] };
      if (error instanceof ModelBudgetSpent) notice = budgetSpentNotice(error.dailyTokens, 'these bullets are rewritten offline');
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'resume rewrite by model failed; rewriting offline');
    }
  }
  const facts = memberFacts(deps, inbound.memberId, bullets);
  let guarded: GuardResult;
  if (draft !== undefined) guarded = guardRewrite(draft, facts, deps.resumeVocabulary);
  else {
    // Offline, each bullet is followed by the reason for its rewrite: our advice, so only the bullets are guarded.
    const offline = bullets.map(rewriteOffline);
    const lines = guardRewrite(offline.map((r) => r.line).join('\n'), facts, deps.resumeVocabulary);
    const rewritten = lines.text.split('\n');
    guarded = { text: offline.map((r, i) => `${rewritten[i] ?? r.line}\n${r.why}`).join('\n'), replaced: lines.replaced };
  }
  const note = guardNote(guarded.replaced);
  const lead =
    mode === 'offline'
      ? 'Rewritten from the guides’ advice (offline mode: wording rules, no model). Fill each [metric] with your own figure:'
      : 'Rewritten for ML roles:';
  const sources = advice.length ? `\n\nAdvice from: ${advice.map((h) => `${h.title} (${h.sources.join(', ')})`).join(' · ')}` : '';
  return { text: `${notice ? `${notice}\n\n` : ''}${lead}\n\n${guarded.text}${note ? `\n\n${note}` : ''}${sources}`, citations: [], mode };
}

/** A two-to-three-line profile summary from the stored profile, under the same guard. */
export async function resumeSummary(deps: ResumeDeps, inbound: Inbound): Promise<Reply> {
  const member = getMember(deps.db, inbound.memberId);
  const p = member?.profile;
  if (!p?.role) throw new UserFacingError('I need at least your role: /profile set role:"Backend engineer" years:6 stack:"Go, PostgreSQL" track:ml-platform');
  const projects = listProjects(deps.db, inbound.memberId);
  const target = p.track === 'ml-platform' ? 'ML platform and MLOps roles' : p.track === 'ml-research' ? 'research engineering roles' : 'ML engineering roles';
  let draft = [
    `${p.role}${p.years !== null ? ` with ${p.years} years` : ''} building production systems${p.stack ? ` in ${p.stack}` : ''}, now moving into ${target}.`,
    projects.length
      ? `Recent ML work: ${projects.map((x) => `${x.name}${x.summary ? ` (${x.summary})` : ''}`).join('; ')}.`
      : 'Recent ML work: [your project: what it does, how it is deployed and monitored].',
    'Brings the reliability, data and deployment habits ML teams need to ship models.',
  ].join('\n');
  let mode: 'llm' | 'offline' = 'offline';
  let notice: string | undefined;
  if (deps.llm) {
    try {
      const advice = retrieve(deps.db, 'cv profile summary career change story reposition backend experience', 3).hits;
      const completion = await deps.llm.complete({ memberId: inbound.memberId, purpose: 'resume-summary' }, [
        { role: 'system', content: fillTemplate(deps.prompts.resumeSummarySystem, { advice: adviceExcerpts(advice) }) },
        { role: 'user', content: fillTemplate(deps.prompts.resumeSummary, { facts: draft }) },
      ]);
      draft = guardedDraft(deps, completion.text);
      mode = 'llm';
    } catch (error) {
      if (error instanceof ModelRateLimited) return { text: error.message, citations: [] };
      if (error instanceof ModelBudgetSpent) notice = budgetSpentNotice(error.dailyTokens, 'this summary comes from the offline template');
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'summary by model failed; using the template');
    }
  }
  const guarded = guardRewrite(draft, memberFacts(deps, inbound.memberId, []), deps.resumeVocabulary);
  const note = guardNote(guarded.replaced);
  return { text: `${notice ? `${notice}\n\n` : ''}${guarded.text}${note ? `\n\n${note}` : ''}`, citations: [], mode };
}
