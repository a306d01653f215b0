import { existsSync, readFileSync } from 'node:fs';
import { z } from 'zod';
import { SOURCES } from '../knowledge/sources.ts';
import { TRACKS } from '../members/roadmap.ts';

export const TOPICS = ['career-story', 'ml-fundamentals', 'ml-system-design', 'data-sql', 'mlops', 'behavioural'] as const;
export type Topic = (typeof TOPICS)[number];

const questionSchema = z.object({
  id: z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/),
  topic: z.enum(TOPICS),
  difficulty: z.enum(['easy', 'medium', 'hard']),
  tracks: z.array(z.enum(TRACKS)).min(1),
  question: z.string().min(10),
  rubric: z.array(z.object({ point: z.string().min(5), keywords: z.array(z.string().min(1)).min(1) })).min(2),
  avoid: z.array(z.string().min(3)),
  sources: z.array(z.enum(Object.keys(SOURCES) as [string, ...string[]])).min(1),
});

export type InterviewQuestion = z.infer<typeof questionSchema>;

const bankSchema = z.object({ questions: z.array(questionSchema).min(1) });

/** Loads and validates the question bank; a bad file fails with the file and the path in it. */
export function loadQuestionBank(path: string): InterviewQuestion[] {
  if (!existsSync(path)) return [];
  const parsed = bankSchema.safeParse(JSON.parse(readFileSync(path, 'utf8')));
  if (!parsed.success) {
    const issue = parsed.error.issues[0];
    throw new Error(`interview-questions.json at ${issue?.path.join('.')}: ${issue?.message}`);
  }
  const ids = new Set<string>();
  for (const q of parsed.data.questions) {
    if (ids.has(q.id)) throw new Error(`interview-questions.json: question id "${q.id}" is used twice`);
    ids.add(q.id);
  }
  return parsed.data.questions;
}
