import { z } from 'zod';
import { lightStem, tokenize } from '../knowledge/query.ts';
import type { InterviewQuestion } from './bank.ts';

export const CRITERIA = ['Structure', 'Technical depth', 'Evidence', 'Career-change framing'] as const;
export type Criterion = (typeof CRITERIA)[number];

export type PracticeFeedback = {
  scores: Record<Criterion, number>;
  strong: string[];
  add: string[];
  outline: string[];
};

const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));
const stems = (text: string) => ` ${tokenize(text).map(lightStem).join(' ')} `;
const mentions = (haystack: string, phrase: string) => haystack.includes(` ${tokenize(phrase).map(lightStem).join(' ')} `);

const CONNECTORS = ['first', 'then', 'because', 'so', 'as a result', 'for example', 'for instance', 'finally', 'situation', 'task', 'action', 'result', 'which meant', 'trade off', 'trade-off'];
const OWN_WORK = /\b(i|we) (built|led|shipped|designed|reduced|migrated|deployed|owned|wrote|ran|cut|improved|launched|created|trained|served|monitored)\b/gi;
const BRIDGE = ['backend', 'production', 'reliability', 'reliable', 'scale', 'scaling', 'api', 'apis', 'pipeline', 'pipelines', 'latency', 'on call', 'monitoring', 'toward', 'towards', 'transition', 'learning', 'portfolio', 'project'];

/**
 * Scores an answer without a model: which rubric points it covers (by their
 * keywords), how it is structured, what evidence it gives and how it bridges
 * from backend work. A heuristic, and the feedback says so.
 */
export function scoreOffline(question: InterviewQuestion, answer: string, ownProjects: string[] = []): PracticeFeedback {
  const text = stems(answer);
  const words = tokenize(answer).length;
  const covered = question.rubric.filter((r) => r.keywords.some((k) => mentions(text, k)));
  const missing = question.rubric.filter((r) => !covered.includes(r));

  const sentences = answer.split(/[.!?]+\s|\n+/).filter((s) => s.trim().split(/\s+/).length >= 4).length;
  const connectors = CONNECTORS.filter((c) => mentions(text, c)).length;
  const lengthFit = words >= 60 && words <= 320 ? 1 : words >= 30 ? 0.5 : 0;
  const structure = clamp(1 + Math.min(2, connectors) + (sentences >= 3 ? 1 : 0) + lengthFit);

  const depth = clamp(1 + 4 * (covered.length / question.rubric.length) - (words < 25 ? 1 : 0));

  const figures = (answer.match(/\d[\d,.]*\s*(%|ms|x|k|m|users|requests|rps|hours|days|weeks|models)?/gi) ?? []).length;
  const ownWork = (answer.match(OWN_WORK) ?? []).length;
  const projects = ownProjects.filter((p) => p && answer.toLowerCase().includes(p.toLowerCase())).length;
  const evidence = clamp(1 + Math.min(2, figures) + Math.min(2, ownWork) + Math.min(1, projects));

  const bridgeHits = BRIDGE.filter((b) => mentions(text, b)).length;
  const framing = clamp(1 + Math.min(4, bridgeHits * (question.topic === 'career-story' ? 1 : 1.5)));

  const scores: Record<Criterion, number> = {
    Structure: structure,
    'Technical depth': depth,
    Evidence: evidence,
    'Career-change framing': framing,
  };
  const strong = [
    ...covered.slice(0, 3).map((r) => r.point),
    ...(evidence >= 4 ? ['Concrete evidence from your own work'] : []),
    ...(structure >= 4 ? ['A clear structure that is easy to follow'] : []),
  ];
  const add = [
    ...missing.slice(0, 3).map((r) => r.point),
    ...(evidence <= 2 ? ['A specific example from your own work, with a figure you can stand behind'] : []),
    ...(words < 40 ? ['More detail: strong answers here usually run to a minute or two'] : []),
    ...(words > 400 ? ['Tighter wording: pick the two strongest points'] : []),
  ];
  return { scores, strong, add, outline: question.rubric.map((r) => r.point) };
}

/** What a model must return when it scores an answer; anything else falls back to the heuristic. */
export const modelFeedbackSchema = z.object({
  scores: z.object({
    Structure: z.number().int().min(1).max(5),
    'Technical depth': z.number().int().min(1).max(5),
    Evidence: z.number().int().min(1).max(5),
    'Career-change framing': z.number().int().min(1).max(5),
  }),
  strong: z.array(z.string().min(1)).max(6),
  add: z.array(z.string().min(1)).max(6),
  outline: z.array(z.string().min(1)).min(2).max(8),
});

export function parseModelFeedback(text: string): PracticeFeedback | undefined {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (!json) return undefined;
  try {
    const parsed = modelFeedbackSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

export function formatFeedback(feedback: PracticeFeedback, heuristic: boolean): string {
  const lines = CRITERIA.map((c) => `${c}: ${feedback.scores[c]}/5`);
  lines.push('', `What was strong: ${feedback.strong.length ? feedback.strong.join('; ') : 'you made a start; build on it with the points below'}.`);
  if (feedback.add.length) lines.push(`What to add: ${feedback.add.join('; ')}.`);
  lines.push('', 'A better outline:', ...feedback.outline.map((p, i) => `${i + 1}. ${p}`));
  if (heuristic) lines.push('', '(Scored offline by a heuristic: which rubric points your answer mentions, its structure and its evidence. A model or a mentor will judge nuance better.)');
  return lines.join('\n');
}
