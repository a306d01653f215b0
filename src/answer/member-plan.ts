import { formatMonth, type TransitionView, transitionView } from '../members/progress.ts';
import type { Roadmaps } from '../members/roadmap.ts';
import type { MemberState } from '../members/store.ts';

export type PlanQuestion = 'timeline' | 'focus' | 'on-track';

const ABOUT_ME = /\b(i|i'm|im|i'll|me|my|mine)\b/;
/** Questions about something else that happens to be the member's: "how long should my CV be?". */
const OTHER_SUBJECT = /\b(cv|resume|résumé|cover letter|linkedin|salary|pay|interview|portfolio|project|bullet|answer)s?\b/;

const INTENTS: [PlanQuestion, RegExp][] = [
  ['on-track', /\b(on track|on schedule|behind|ahead|falling behind|make (it|my) (target|deadline|date)|my target|target date|my deadline)\b/],
  [
    'timeline',
    /\b(how long|how many (weeks|months)|when)\b.*\b(take|ready|finish|done|switch|apply|get there|be an?)\b|\bready to apply\b|\bwill i (be )?(finish|done|ready)\b/,
  ],
  [
    'focus',
    /\b(focus on|work on|study|learn|do)\b.*\b(this week|now|today|next)\b|\bnext (step|milestone)\b|\bwhat('s| is)? next\b|\bwhere (should|do) i start\b/,
  ],
];

/** Whether a question asks about the member's own plan, and which part of it. */
export function planQuestion(question: string): PlanQuestion | undefined {
  const q = question.toLowerCase().replace(/[\u2018\u2019]/g, "'");
  if (!ABOUT_ME.test(q) || OTHER_SUBJECT.test(q)) return undefined;
  return INTENTS.find(([, pattern]) => pattern.test(q))?.[0];
}

/**
 * The member's own answer, from their roadmap: when they will be ready to apply and in a role,
 * the gap to their target, this phase's focus and the next milestones. Undefined when the
 * question is not about their plan; a pointer to /profile setup when they have no track yet.
 */
export function memberPlanAnswer(
  roadmaps: Roadmaps,
  member: MemberState | undefined,
  done: ReadonlyMap<string, number>,
  question: string,
  now: number,
): string | undefined {
  const kind = planQuestion(question);
  if (!kind) return undefined;
  const view = member ? transitionView(roadmaps, member.profile, done, now) : undefined;
  if (!view) {
    return 'To answer that for you I need your track and study hours: /profile setup takes a minute, then /plan shows your own dates. Meanwhile, here is what the guides say.';
  }
  const hours = view.assumedHours ? `${view.hoursPerWeek} h/week (the roadmap's assumption until you set yours)` : `your ${view.hoursPerWeek} h/week`;
  const track = `${view.roadmap.title} at ${hours}`;
  const lines = [`For you (${track}):`];
  if (kind === 'focus') {
    lines.push(...focusLines(view));
    lines.push(projection(view));
  } else {
    lines.push(projection(view));
    const gap = gapLine(view, member?.profile.target ?? null);
    if (gap) lines.push(gap);
    else if (kind === 'on-track') lines.push('You have not set a target month, so there is nothing to be behind: /profile set target:YYYY-MM adds one.');
    lines.push(...focusLines(view).slice(0, 1));
  }
  return lines.join(' ');
}

function projection(view: TransitionView): string {
  const ready =
    view.readyWeeks > 0 ? `ready to apply around ${formatMonth(view.readyAt)} (${view.readyWeeks} weeks of learning)` : 'ready to apply now, by your roadmap';
  const search = view.searchWeeks > 0 ? `, then about ${view.searchWeeks} weeks of job search, so a role around ${formatMonth(view.finish)}` : '';
  return `Your roadmap has you ${ready}${search}.`;
}

function gapLine(view: TransitionView, target: string | null): string | undefined {
  if (view.weeksAheadOfTarget === undefined || !target) return undefined;
  const w = view.weeksAheadOfTarget;
  const n = Math.abs(w);
  const weeks = `${n} week${n === 1 ? '' : 's'}`;
  if (w === 0) return `That is right on your ${target} target, so you are on track.`;
  if (w > 0) return `That is ${weeks} ahead of your ${target} target, so you are on track.`;
  return view.atFastest
    ? `That is ${weeks} behind your ${target} target, and more hours would not close it: a later target would.`
    : `That is ${weeks} behind your ${target} target: more hours a week, or a later target, would close the gap.`;
}

function focusLines(view: TransitionView): string[] {
  if (!view.currentPhase) return ['Every milestone is done: the job search is what is left.'];
  const next = view.next[0];
  return [
    `This phase (${view.currentPhase.title}) is about this: ${view.currentPhase.focus}`,
    next ? `Next milestone: \`${next.id}\` ${next.title}, about ${view.weeksFor(next)} weeks at your hours; done when ${lowerFirst(next.evidence)}` : '',
  ].filter(Boolean);
}

function lowerFirst(text: string): string {
  return /^[A-Z][a-z]/.test(text) ? `${text[0]?.toLowerCase()}${text.slice(1)}` : text;
}
