import { z } from 'zod';
import { lightStem, tokenize } from '../knowledge/query.ts';
import { floorOf, type Pitfall, pitfallsIn, sentencesOf } from './answer-checks.ts';
import type { InterviewQuestion } from './bank.ts';

export const CRITERIA = ['Structure', 'Technical depth', 'Evidence', 'Career-change framing'] as const;
export type Criterion = (typeof CRITERIA)[number];

export type PracticeFeedback = {
  scores: Record<Criterion, number>;
  /** The part of the answer behind each score, or why there is none. */
  basis: Record<Criterion, string>;
  /** The mean of the four criteria, to one decimal. */
  overall: number;
  /** Set when the answer scores 1/5 on everything: empty, a copy of the question, keywords, off the topic. */
  floor?: string;
  pitfalls: Pitfall[];
  strong: string[];
  add: string[];
  outline: string[];
};

const clamp = (n: number) => Math.max(1, Math.min(5, Math.round(n)));
const stems = (text: string) => ` ${tokenize(text).map(lightStem).join(' ')} `;
const mentions = (haystack: string, phrase: string) => haystack.includes(` ${tokenize(phrase).map(lightStem).join(' ')} `);
const quoted = (s: string) => `“${s.length > 110 ? `${s.slice(0, 107).trimEnd()}…` : s}”`;
export const overallOf = (scores: Record<Criterion, number>) => Math.round((10 * CRITERIA.reduce((sum, c) => sum + scores[c], 0)) / CRITERIA.length) / 10;

const CONNECTORS = [
  'first',
  'then',
  'because',
  'so',
  'as a result',
  'for example',
  'for instance',
  'finally',
  'situation',
  'task',
  'action',
  'result',
  'which meant',
  'trade off',
  'trade-off',
];
const OWN_WORK =
  /\b(i|we) (built|led|shipped|designed|reduced|migrated|deployed|owned|wrote|ran|cut|improved|launched|created|trained|served|monitored|added|moved|set up|fixed|found|measured|learned|asked|agreed|chose|split|replaced)\b/i;
const FIGURE = /\d[\d,.]*\s*(%|ms|x|k|m|users|requests|rps|hours|days|weeks|models)?/i;
const BRIDGE = [
  'backend',
  'production',
  'reliability',
  'reliable',
  'scale',
  'scaling',
  'api',
  'apis',
  'pipeline',
  'pipelines',
  'latency',
  'on call',
  'monitoring',
  'toward',
  'towards',
  'transition',
  'learning',
  'portfolio',
  'project',
];
const PITFALL_PENALTY = 2;

/** The sentence that scores best on `value`, if any scores above zero. */
function best(sentences: string[], value: (s: string) => number): string | undefined {
  let top: string | undefined;
  let topValue = 0;
  for (const s of sentences) {
    const v = value(s);
    if (v > topValue) {
      top = s;
      topValue = v;
    }
  }
  return top;
}

/**
 * Scores an answer without a model. Floors first: an empty answer, a copy of
 * the question, a keyword list or an off-topic answer scores 1/5 everywhere,
 * with the reason. Otherwise each criterion is scored from the sentences that
 * earn it, and quotes the best of them; the question's own pitfalls lower the
 * framing score and are named. A heuristic, and the feedback says so.
 */
export function scoreOffline(question: InterviewQuestion, answer: string, ownProjects: string[] = []): PracticeFeedback {
  const pitfalls = pitfallsIn(question, answer);
  const floor = floorOf(question, answer);
  const outline = question.rubric.map((r) => r.point);
  if (floor) {
    const scores = Object.fromEntries(CRITERIA.map((c) => [c, 1])) as Record<Criterion, number>;
    const basis = Object.fromEntries(CRITERIA.map((c) => [c, floor.reason])) as Record<Criterion, string>;
    return { scores, basis, overall: 1, floor: floor.reason, pitfalls, strong: [], add: outline.slice(0, 3), outline };
  }

  const sentences = sentencesOf(answer);
  const text = stems(answer);
  const words = tokenize(answer).length;
  const covered = question.rubric.filter((r) => r.keywords.some((k) => mentions(text, k)));
  const missing = question.rubric.filter((r) => !covered.includes(r));
  const keywordHits = (s: string) => question.rubric.filter((r) => r.keywords.some((k) => mentions(stems(s), k))).length;

  const connectorsIn = (s: string) => CONNECTORS.filter((c) => mentions(stems(s), c)).length;
  const connectors = CONNECTORS.filter((c) => mentions(text, c)).length;
  const fullSentences = sentences.filter((s) => s.split(/\s+/).length >= 4).length;
  const lengthFit = words >= 60 && words <= 320 ? 1 : words >= 30 ? 0.5 : 0;
  const structure = clamp(1 + Math.min(2, connectors) + (fullSentences >= 3 ? 1 : 0) + lengthFit);

  // A short answer can name every point without explaining any.
  const brevity = words < 25 ? 2 : words < 45 ? 1 : 0;
  const depth = clamp(1 + 4 * (covered.length / question.rubric.length) - brevity);

  const evidenceIn = (s: string) =>
    (FIGURE.test(s) ? 1 : 0) + (OWN_WORK.test(s) ? 1 : 0) + ownProjects.filter((p) => p && s.toLowerCase().includes(p.toLowerCase())).length;
  const figures = sentences.filter((s) => FIGURE.test(s)).length;
  const ownWork = sentences.filter((s) => OWN_WORK.test(s)).length;
  const projects = ownProjects.filter((p) => p && answer.toLowerCase().includes(p.toLowerCase())).length;
  const evidence = clamp(1 + Math.min(2, figures) + Math.min(2, ownWork) + Math.min(1, projects));

  const bridgeIn = (s: string) => BRIDGE.filter((b) => mentions(stems(s), b)).length;
  const bridgeHits = BRIDGE.filter((b) => mentions(text, b)).length;
  const framingBase = clamp(1 + Math.min(4, bridgeHits * (question.topic === 'career-story' ? 1 : 1.5)) - Math.min(1, brevity));
  const framing = clamp(framingBase - PITFALL_PENALTY * pitfalls.length);

  const scores: Record<Criterion, number> = { Structure: structure, 'Technical depth': depth, Evidence: evidence, 'Career-change framing': framing };
  const quote = (s: string | undefined, none: string) => (s ? quoted(s) : none);
  const basis: Record<Criterion, string> = {
    Structure: quote(
      best(sentences, connectorsIn) ?? (fullSentences >= 3 ? sentences[0] : undefined),
      'no steps or connecting words (first, because, as a result)',
    ),
    'Technical depth': quote(best(sentences, keywordHits), 'none of the points a strong answer covers'),
    Evidence: quote(best(sentences, evidenceIn), 'no figure, project or thing you did'),
    'Career-change framing': pitfalls.length
      ? `${quoted(pitfalls[0]?.quote ?? '')} (${pitfalls.map((p) => p.name).join(', ')})`
      : quote(best(sentences, bridgeIn), 'no bridge from your backend work to ML'),
  };
  const strong = [
    ...covered.slice(0, 3).map((r) => r.point),
    ...(evidence >= 4 ? ['Concrete evidence from your own work'] : []),
    ...(structure >= 4 ? ['A clear structure that is easy to follow'] : []),
  ];
  const add = [
    ...pitfalls.map((p) => `Drop ${p.name}: ${p.advice.charAt(0).toLowerCase()}${p.advice.slice(1)} is what this question warns against`),
    ...missing.slice(0, 3).map((r) => r.point),
    ...(evidence <= 2 ? ['A specific example from your own work, with a figure you can stand behind'] : []),
    ...(words < 40 ? ['More detail: strong answers here usually run to a minute or two'] : []),
    ...(words > 400 ? ['Tighter wording: pick the two strongest points'] : []),
  ];
  return { scores, basis, overall: overallOf(scores), pitfalls, strong, add, outline };
}

/** What a model must return when it scores an answer; anything else falls back to the heuristic. */
export const modelFeedbackSchema = z.object({
  scores: z.object({
    Structure: z.number().int().min(1).max(5),
    'Technical depth': z.number().int().min(1).max(5),
    Evidence: z.number().int().min(1).max(5),
    'Career-change framing': z.number().int().min(1).max(5),
  }),
  /** For each criterion, the words of the answer behind its score. */
  quotes: z.record(z.string(), z.string()).optional(),
  strong: z.array(z.string().min(1)).max(6),
  add: z.array(z.string().min(1)).max(6),
  outline: z.array(z.string().min(1)).min(2).max(8),
});
export type ModelFeedback = z.infer<typeof modelFeedbackSchema>;

export function parseModelFeedback(text: string): ModelFeedback | undefined {
  const json = /\{[\s\S]*\}/.exec(text)?.[0];
  if (!json) return undefined;
  try {
    const parsed = modelFeedbackSchema.safeParse(JSON.parse(json));
    return parsed.success ? parsed.data : undefined;
  } catch {
    return undefined;
  }
}

const squash = (s: string) =>
  s
    .toLowerCase()
    .replace(/[“”"']/g, '')
    .replace(/\s+/g, ' ')
    .trim();

/**
 * A model's scores under the same rules as the heuristic's: the floors hold
 * (a 5/5 for an empty answer is 1/5), a score whose quote is not in the
 * answer falls back to the heuristic's, no score rises more than
 * MODEL_MARGIN above the heuristic's, and the question's pitfalls cap the
 * framing score at the heuristic's.
 */
const MODEL_MARGIN = 2;
export function checkModelFeedback(model: ModelFeedback, heuristic: PracticeFeedback, answer: string): PracticeFeedback {
  if (heuristic.floor) return heuristic;
  const haystack = squash(answer);
  const scores = { ...heuristic.scores };
  const basis = { ...heuristic.basis };
  for (const c of CRITERIA) {
    const q = model.quotes?.[c]?.trim() ?? '';
    if (q.split(/\s+/).length >= 2 && haystack.includes(squash(q))) {
      // A model may judge nuance the heuristic misses, but not by more than MODEL_MARGIN points.
      scores[c] = Math.min(model.scores[c], heuristic.scores[c] + MODEL_MARGIN);
      basis[c] = quoted(q);
    } else basis[c] = `${heuristic.basis[c]} (heuristic: the model quoted nothing from your answer)`;
  }
  if (heuristic.pitfalls.length) {
    scores['Career-change framing'] = Math.min(scores['Career-change framing'], heuristic.scores['Career-change framing']);
    basis['Career-change framing'] = heuristic.basis['Career-change framing'];
  }
  return {
    ...heuristic,
    scores,
    basis,
    overall: overallOf(scores),
    strong: model.strong,
    add: [...heuristic.add.filter((a) => a.startsWith('Drop ')), ...model.add],
    outline: model.outline,
  };
}

export function formatFeedback(feedback: PracticeFeedback, heuristic: boolean): string {
  const lines = CRITERIA.map((c) => `${c}: ${feedback.scores[c]}/5 — ${feedback.basis[c]}`);
  lines.push(`Overall: ${feedback.overall.toFixed(1)}/5 (the mean of the four)`);
  if (feedback.floor) lines.push('', `Every criterion is 1/5 because ${feedback.floor}.`);
  if (feedback.pitfalls.length) {
    lines.push('', `Pitfalls this question warns about: ${feedback.pitfalls.map((p) => `${p.name} (${quoted(p.quote)})`).join('; ')}.`);
  }
  lines.push(
    '',
    `What was strong: ${feedback.strong.length ? feedback.strong.join('; ') : 'nothing yet that a strong answer needs; the points below are where to start'}.`,
  );
  if (feedback.add.length) lines.push(`What to add: ${feedback.add.join('; ')}.`);
  lines.push('', 'A better outline:', ...feedback.outline.map((p, i) => `${i + 1}. ${p}`));
  if (heuristic)
    lines.push(
      '',
      '(Scored offline by a heuristic: which rubric points your answer makes, its structure and its evidence, each quoted above. A model or a mentor will judge nuance better.)',
    );
  return lines.join('\n');
}
