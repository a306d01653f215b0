import type { TransitionView } from '../members/progress.ts';

const TOPIC_STEPS: [RegExp, string][] = [
  [/\b(cv|resume|résumé|bullet|linkedin|cover letter)s?\b/i, 'Next step: paste a CV line into /resume rewrite and I will rework it toward ML, honestly.'],
  [/\b(interview|interviews|interviewer|recruiter)s?\b/i, 'Next step: /interview practice gives you a question to answer, with a score and a better outline.'],
];
const PLAN_TOPIC = /\b(how long|timeline|months|weeks|plan|roadmap|learn|study|start|first|course|maths?|python|skills?)\b/i;
const SETUP_STEP = 'Next step: /profile setup takes a minute (skip any question), then /plan shows your own weeks and dates.';
const TRACK_STEP = 'Next step: pick a track (/profile set track:ml-platform, applied-ml or ml-research) and /plan shows these weeks at your own hours.';
const DEFAULT_STEP = 'Next step: /help lists what else I can do, from a week-by-week /plan to /interview practice.';

/**
 * One next step to close an answer: from the member's plan when they have one, else the command that
 * would help. /profile setup is suggested once (`setupOffered` after that): it is offered, never imposed.
 */
export function nextStepFor(question: string, view: TransitionView | undefined, personalShown: boolean, setupOffered: boolean): string {
  if (view) {
    const next = view.next[0];
    if (personalShown || !next) return 'Next step: /plan shows your whole plan, and /done marks a milestone finished.';
    return `Next step on your plan: \`${next.id}\` ${next.title}, about ${view.weeksFor(next)} weeks at your hours (/done item:${next.id} when it is finished).`;
  }
  const topical = TOPIC_STEPS.find(([pattern]) => pattern.test(question))?.[1];
  if (topical) return topical;
  if (!setupOffered) return SETUP_STEP;
  return PLAN_TOPIC.test(question) ? TRACK_STEP : DEFAULT_STEP;
}
