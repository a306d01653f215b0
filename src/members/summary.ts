import type { Roadmaps } from './roadmap.ts';
import { transitionView } from './progress.ts';
import type { MemberState } from './store.ts';

/**
 * A compact description of the member for the model's context (well under
 * 300 tokens), so "what should I focus on now?" is answered for them.
 */
export function memberSummary(roadmaps: Roadmaps, member: MemberState | undefined, done: ReadonlyMap<string, number>, now: number): string {
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
    lines.push(`Current phase: ${view.currentPhase.title}. Done ${[...done.keys()].filter((id) => view.milestones.some((m) => m.id === id)).length} of ${view.milestones.length} milestones.`);
    lines.push(`Open milestones next: ${view.next.map((m) => `${m.id} (${m.title})`).join('; ')}.`);
  }
  return lines.join('\n');
}
