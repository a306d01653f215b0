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
  /** Weeks of learning left before the member is ready to apply, at their pace. */
  readyWeeks: number;
  readyAt: Date;
  /** Weeks of the job-search stage left after that. */
  searchWeeks: number;
  /** Weeks left until a role, learning and search together. */
  remainingWeeks: number;
  /** When the member could be in a role: ready to apply plus the job search. */
  finish: Date;
  /** Weeks between the projected role date and the end of the target month; positive means ahead. */
  weeksAheadOfTarget: number | undefined;
  /** True when more study hours would not shorten the learning stage: it is at the guides' fastest. */
  atFastest: boolean;
  /** A milestone's weeks at the member's own hours. */
  weeksFor(milestone: Milestone): number;
};

/** Where a member stands on their track, and when they will be ready to apply and in a role at their pace. */
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
  const pace = paceOf(roadmap, hoursPerWeek);
  const stageWeeks = (stage: Phase['stage']) => Math.ceil(open.filter((m) => pace.stageOf(m) === stage).reduce((sum, m) => sum + pace.exactWeeks(m), 0));
  const readyWeeks = stageWeeks('learning');
  const searchWeeks = stageWeeks('job-search');
  const remainingWeeks = readyWeeks + searchWeeks;
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
    readyWeeks,
    readyAt: new Date(now + readyWeeks * 7 * DAY_MS),
    searchWeeks,
    remainingWeeks,
    finish,
    weeksAheadOfTarget: profile.target ? Math.round((endOfMonth(profile.target) - finish.getTime()) / (7 * DAY_MS)) : undefined,
    atFastest: pace.atFastest,
    weeksFor: (m) => Math.max(1, Math.ceil(pace.exactWeeks(m))),
  };
}

/** Hours a week up to this count in full; see knowledge/roadmaps/README.md for why. */
export const FULL_VALUE_HOURS = 25;

/**
 * Study hours as the roadmap's week counts feel them: hours past 25 a week count half,
 * because long weeks of study on top of a job bring fatigue and less retention, not
 * proportionally faster progress.
 */
export function effectiveHours(hours: number): number {
  const h = Math.max(1, hours);
  return h <= FULL_VALUE_HOURS ? h : FULL_VALUE_HOURS + (h - FULL_VALUE_HOURS) / 2;
}

/** Estimates assume the roadmap's baseline hours a week; more hours shorten them, with diminishing returns. */
export function scaleWeeks(weeks: number, baselineHours: number, hours: number): number {
  return Math.ceil((weeks * baselineHours) / effectiveHours(hours));
}

/**
 * Milestone weeks at a pace: scaled by effective hours, but never faster than the
 * fastest guide's figure for the milestone's stage, shared out over the stage's
 * milestones in proportion to their baseline weeks.
 */
function paceOf(roadmap: Roadmap, hours: number) {
  const stageOfPhase = new Map(roadmap.phases.map((p) => [p.id, p.stage]));
  const stageOf = (m: Milestone) => stageOfPhase.get(m.phaseId) ?? 'learning';
  const baseline = (stage: Phase['stage']) =>
    roadmap.phases.filter((p) => p.stage === stage).reduce((sum, p) => sum + p.milestones.reduce((n, m) => n + m.weeks, 0), 0);
  const floorPerWeek = {
    learning: roadmap.fastest.ready.weeks / Math.max(1, baseline('learning')),
    'job-search': roadmap.fastest.search.weeks / Math.max(1, baseline('job-search')),
  };
  const factor = roadmap.baselineHoursPerWeek / effectiveHours(hours);
  return {
    stageOf,
    atFastest: factor <= floorPerWeek.learning,
    exactWeeks: (m: Milestone) => m.weeks * Math.max(factor, floorPerWeek[stageOf(m)]),
  };
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

/** "Ready to apply …" and "then the job search …", the two stages shown apart. */
export function projectionLines(view: TransitionView): string[] {
  const pace = view.assumedHours
    ? `at ${view.hoursPerWeek} h/week, the roadmap's assumption (/profile set hours: to use yours)`
    : `at your ${view.hoursPerWeek} h/week`;
  const lines: string[] = [];
  if (view.readyWeeks > 0) {
    const fastest = view.atFastest ? `; no guide gets there faster (${view.roadmap.fastest.ready.sources.join(', ')})` : '';
    lines.push(`Ready to apply: ${formatMonth(view.readyAt)} (${plural(view.readyWeeks, 'week')} of learning ${pace}${fastest}).`);
  } else {
    lines.push('Ready to apply: now, by the roadmap. What is left is the job search.');
  }
  if (view.searchWeeks > 0) {
    lines.push(
      `Then the job search: about ${plural(view.searchWeeks, 'week')} (${view.roadmap.fastest.search.sources.join(', ')}; uk-guide warns it often takes longer), so a role around ${formatMonth(view.finish)}.`,
    );
  }
  return lines;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? '' : 's'}`;
}

/** How the projected role date compares with the member's target month. */
export function targetLine(view: TransitionView, target: string | null): string | undefined {
  if (view.weeksAheadOfTarget === undefined || !target) return undefined;
  const w = view.weeksAheadOfTarget;
  if (w === 0) return `That lands right on your ${target} target.`;
  const n = Math.abs(w);
  return w > 0
    ? `That is ${n} week${n === 1 ? '' : 's'} ahead of your ${target} target.`
    : view.atFastest
      ? `That is ${n} week${n === 1 ? '' : 's'} after your ${target} target, and more hours a week would not close the gap: this is already the fastest pace the guides give. A later target would.`
      : `That is ${n} week${n === 1 ? '' : 's'} after your ${target} target: more hours a week, or a later target, would close the gap.`;
}
