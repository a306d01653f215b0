/** What kind of interview question a member wants to frame, which decides the advice that fits it. */
import type { Topic } from './bank.ts';

export type QuestionType = 'objection' | 'motivation' | 'behavioural' | 'system-design' | 'technical';

const RULES: [QuestionType, RegExp][] = [
  [
    'objection',
    /\b(no (?:ml |machine learning )?(?:degree|phd|experience|background)|without (?:a |an )?(?:degree|phd|ml experience)|don'?t have (?:a |an |any )?(?:degree|phd|ml|machine learning|experience)|over (?:an? )?(?:ml |machine learning )?graduates?|instead of (?:an? )?(?:ml )?graduate|why should we (?:hire|take|choose)|what makes you think you can|you(?:'re| are) (?:just )?a backend)/i,
  ],
  [
    'behavioural',
    /\b(tell me about a time|describe a (?:time|situation|project|production incident|conflict)|give (?:me )?an example of a time|a time (?:when )?you|how did you handle|conflict|disagreement|failure|mistake you)/i,
  ],
  [
    'motivation',
    /\b(why (?:ml|machine learning|ai|do you want|are you leaving|leave|switch|change|move)|what draws you|why (?:this|our) (?:role|company)|leaving backend|where do you see yourself)/i,
  ],
  ['system-design', /\b(design (?:a|an|the)|architect(?:ure)? (?:a|an|for)|how would you build|system for|end[- ]to[- ]end)/i],
];

export function questionType(question: string): QuestionType {
  return RULES.find(([, re]) => re.test(question))?.[0] ?? 'technical';
}

/** The bank topics whose pitfalls apply to a question type. */
export const TOPICS_FOR: Record<QuestionType, Topic[]> = {
  objection: ['career-story'],
  motivation: ['career-story'],
  behavioural: ['behavioural'],
  'system-design': ['ml-system-design', 'mlops'],
  technical: ['ml-fundamentals', 'data-sql', 'mlops'],
};

/** What the guides' advice for each type is about: the search that finds it. */
export const GUIDE_QUERY: Record<QuestionType, string> = {
  objection: 'interview objection no degree no ml experience evidence projects production strengths',
  motivation: 'interview why ml career change story motivation toward ml',
  behavioural: 'interview behavioural questions situation action result stories',
  'system-design': 'ml system design interview serving monitoring trade-offs',
  technical: 'technical interview ml fundamentals explain clearly',
};
