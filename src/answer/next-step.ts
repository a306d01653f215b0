import type { TransitionView } from '../members/progress.ts';

const TOPIC_STEPS: [RegExp, string][] = [
  [/\b(cv|resume|résumé|bullet|linkedin|cover letter)s?\b/i, 'Next step: paste a CV line into /resume rewrite and I will rework it toward ML, honestly.'],
  [/\b(interview|interviews|interviewer|recruiter)s?\b/i, 'Next step: /interview practice gives you a question to answer, with a score and a better outline.'],
  [
    /\b(how long|timeline|months|weeks|plan|roadmap|learn|study|start|first|course|maths?|python|skills?)\b/i,
    'Next step: /profile setup (a minute), then /plan shows these weeks at your own hours.',
  ],
];
const DEFAULT_STEP = 'Next step: /profile setup takes a minute and lets me tailor answers and a plan to you.';

/** One next step to close an answer: from the member's plan when they have one, else the command that would help. */
export function nextStepFor(question: string, view: TransitionView | undefined, personalShown: boolean): string {
  if (view) {
    const next = view.next[0];
    if (personalShown || !next) return 'Next step: /plan shows your whole plan, and /done marks a milestone finished.';
    return `Next step on your plan: \`${next.id}\` ${next.title}, about ${view.weeksFor(next)} weeks at your hours (/done item:${next.id} when it is finished).`;
  }
  return TOPIC_STEPS.find(([pattern]) => pattern.test(question))?.[1] ?? DEFAULT_STEP;
}
