import type { AnswerDeps } from '../answer/answer.ts';
import type { ResumeVocabulary } from './vocabulary.ts';

/** What CV help uses: the coach's dependencies and the honesty guard's vocabulary. */
export type ResumeDeps = AnswerDeps & {
  /** The honesty guard's vocabulary (knowledge/resume-vocabulary.json). */
  resumeVocabulary: ResumeVocabulary;
};
