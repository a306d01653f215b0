import { formatMonth, transitionView } from './progress.ts';
import type { Roadmaps } from './roadmap.ts';
import type { MemberState } from './store.ts';

/**
 * A compact description of the member for the model's context (well under
 * 300 tokens), so "what should I focus on now?" is answered for them.
 */
export function memberSummary(
  roadmaps: Roadmaps,
  member: MemberState | undefined,
  done: ReadonlyMap<string, number>,
  now: number,
  projects: readonly { name: string; summary: string | null }[] = [],
): string {
  const p = member?.profile;
  if (!p || Object.values(p).every((v) => v === null)) {
    return 'No profile yet: their role, track and study hours are unknown. Answer generally.';
  }
  const facts = [
    p.role && `role: ${p.role}${p.years !== null ? `, ${p.years} years` : ''}`,
    p.stack && `stack: ${p.stack}`,
    p.track && `target track: ${p.track}`,
    p.hours !== null && `studies ${p.hours} h/week`,
    p.market && `market: ${p.market}`,
    p.target && `wants to switch by ${p.target}`,
    p.goal && `goal: ${p.goal.slice(0, 200)}`,
  ].filter(Boolean);
  const lines = [facts.join('; ')];
  const view = transitionView(roadmaps, p, done, now);
  if (view?.currentPhase) {
    lines.push(
      `Current phase: ${view.currentPhase.title}. Done ${[...done.keys()].filter((id) => view.milestones.some((m) => m.id === id)).length} of ${view.milestones.length} milestones.`,
    );
    lines.push(`Phase focus: ${view.currentPhase.focus}`);
    lines.push(`Open milestones next: ${view.next.map((m) => `${m.id} (${m.title}, ${view.weeksFor(m)} wk at their hours)`).join('; ')}.`);
  }
  if (view) {
    const gap =
      view.weeksAheadOfTarget === undefined
        ? ''
        : view.weeksAheadOfTarget >= 0
          ? `; ${view.weeksAheadOfTarget} weeks ahead of their ${p.target} target`
          : `; ${-view.weeksAheadOfTarget} weeks behind their ${p.target} target`;
    lines.push(
      `Projected: ready to apply ${formatMonth(view.readyAt)} (${view.readyWeeks} weeks), in a role around ${formatMonth(view.finish)} after about ${view.searchWeeks} weeks of job search${gap}.`,
    );
  }
  if (projects.length) {
    lines.push(
      `Projects: ${projects
        .slice(0, 5)
        .map((pr) => (pr.summary ? `${pr.name}: ${pr.summary.slice(0, 120)}` : pr.name))
        .join('; ')}.`,
    );
  }
  return lines.join('\n');
}
