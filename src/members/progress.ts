import type { Profile } from './profile.ts';
import type { Milestone, Phase, Roadmap, Roadmaps } from './roadmap.ts';

const DAY_MS = 86_400_000;

export type PhaseProgress = { phase: Phase; done: number; total: number };

export type TransitionView = {
  roadmap: Roadmap;
  milestones: Milestone[];
  done: ReadonlyMap<string, number>;
  phases: PhaseProgress[];
  currentPhase: Phase | undefined;
  next: Milestone[];
  hoursPerWeek: number;
  /** True when the member has not said how many hours they study, so the roadmap's baseline is used. */
  assumedHours: boolean;
  remainingWeeks: number;
  finish: Date;
  /** Weeks between the projected finish and the end of the target month; positive means ahead. */
  weeksAheadOfTarget: number | undefined;
};

/** Where a member stands on their track, and when they will finish at their pace. */
export function transitionView(roadmaps: Roadmaps, profile: Profile, done: ReadonlyMap<string, number>, now: number): TransitionView | undefined {
  if (!profile.track) return undefined;
  const roadmap = roadmaps.byTrack.get(profile.track);
  if (!roadmap) return undefined;
  const milestones = roadmaps.milestones(profile.track);
  const open = milestones.filter((m) => !done.has(m.id));
  const phases = roadmap.phases.map((phase) => ({
    phase,
    done: phase.milestones.filter((m) => done.has(m.id)).length,
    total: phase.milestones.length,
  }));
  const hoursPerWeek = profile.hours ?? roadmap.baselineHoursPerWeek;
  const remainingWeeks = scaleWeeks(
    open.reduce((sum, m) => sum + m.weeks, 0),
    roadmap.baselineHoursPerWeek,
    hoursPerWeek,
  );
  const finish = new Date(now + remainingWeeks * 7 * DAY_MS);
  return {
    roadmap,
    milestones,
    done,
    phases,
    currentPhase: roadmap.phases.find((p) => p.milestones.some((m) => !done.has(m.id))),
    next: open.slice(0, 3),
    hoursPerWeek,
    assumedHours: profile.hours === null,
    remainingWeeks,
    finish,
    weeksAheadOfTarget: profile.target ? Math.round((endOfMonth(profile.target) - finish.getTime()) / (7 * DAY_MS)) : undefined,
  };
}

/** Estimates assume the roadmap's baseline hours a week; more hours shorten them in proportion. */
export function scaleWeeks(weeks: number, baselineHours: number, hours: number): number {
  return Math.ceil((weeks * baselineHours) / Math.max(1, hours));
}

function endOfMonth(month: string): number {
  const [year, m] = month.split('-').map(Number);
  return Date.UTC(year ?? 1970, m ?? 1, 1) - 1;
}

export function progressBar(done: number, total: number, cells = 10): string {
  const ratio = total === 0 ? 0 : done / total;
  const filled = Math.round(ratio * cells);
  return `${'█'.repeat(filled)}${'░'.repeat(cells - filled)} ${Math.round(ratio * 100)}%`;
}

export function formatMonth(date: Date): string {
  return date.toLocaleDateString('en-GB', { month: 'long', year: 'numeric', timeZone: 'UTC' });
}

/** "3 weeks ahead of your 2027-06 target" / "on track" / "5 weeks behind". */
export function targetLine(view: TransitionView, target: string | null): string | undefined {
  if (view.weeksAheadOfTarget === undefined || !target) return undefined;
  const w = view.weeksAheadOfTarget;
  if (w === 0) return `That lands right on your ${target} target.`;
  const n = Math.abs(w);
  return w > 0
    ? `That is ${n} week${n === 1 ? '' : 's'} ahead of your ${target} target.`
    : `That is ${n} week${n === 1 ? '' : 's'} after your ${target} target: more hours a week, or a later target, would close the gap.`;
}
