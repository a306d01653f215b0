import type { ResumeDeps } from '../resume/deps.ts';
import type { InterviewQuestion } from './bank.ts';

/** What interview practice uses: CV help's dependencies (framing checks claims with its guard) and the question bank. */
export type InterviewDeps = ResumeDeps & {
  interviews: InterviewQuestion[];
};
