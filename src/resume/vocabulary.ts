import { existsSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { DEFAULT_KNOWLEDGE_DIR } from '../knowledge/load.ts';

/**
 * The honesty guard's vocabulary, kept as data in `knowledge/resume-vocabulary.json`
 * and validated at start-up like the roadmaps: tools, employers and employer
 * groups, credentials (degrees, universities, certifications, rankings),
 * ownership verbs and the phrases that claim ML work.
 */
const phrase = z.string().trim().min(1);

const toolSchema = z.strictObject({
  /** The canonical name. */
  name: phrase,
  /** Other spellings of the same tool, matched like the name. */
  aliases: z.array(phrase).optional(),
  /** Also an ordinary word ("Go", "Spark"): in a rewrite it counts only written as listed; in the member's text any case counts. */
  caseSensitive: z.boolean().optional(),
  /** Short forms that count only as written, wherever they appear ("tf", "R"). */
  exact: z.array(phrase).optional(),
});

export const resumeVocabularySchema = z.strictObject({
  tools: z.array(toolSchema).min(1),
  /** Well-known employers, matched case-sensitively anywhere in a rewrite. */
  employers: z.array(phrase).min(1),
  /** Companies that also name products ("Amazon SageMaker" is the tool). */
  toolVendors: z.array(phrase),
  /** Employer names that are everyday words: employers only after "at", "joined", "worked for". */
  cueOnlyEmployers: z.array(phrase),
  /** Mixed-case words that look technical but are generic (DevOps, SaaS), never flagged as tools. */
  genericTechyWords: z.array(phrase),
  /** Groups of employers ("FAANG", "Big Tech"): a claim like naming one of them. */
  employerGroups: z.array(phrase),
  degrees: z.array(z.strictObject({ kind: z.enum(['doctorate', 'master', 'bachelor', 'degree']), forms: z.array(phrase).min(1) })),
  universities: z.array(z.strictObject({ name: phrase, aliases: z.array(phrase).optional() })),
  certifications: z.array(phrase),
  rankings: z.array(phrase),
  /** Verbs that claim leading or owning work; each allowed only when the member's text has one of `vouchedBy`. */
  ownershipVerbs: z.array(z.strictObject({ forms: z.array(phrase).min(1), vouchedBy: z.array(phrase).min(1) })),
  /** Phrases that claim ML work, by kind: a phrase is allowed when the member's text has one of its group. */
  mlScope: z.array(z.strictObject({ group: z.string().regex(/^[a-z]+$/), phrases: z.array(phrase).min(1) })),
  /** Words in the member's text that show ML work of some kind (a library, a platform), vouching for "ML" and "ML model". */
  mlEvidence: z.array(phrase),
});

export type ResumeVocabulary = z.infer<typeof resumeVocabularySchema>;
export type TechTerm = ResumeVocabulary['tools'][number];

export const RESUME_VOCABULARY_FILE = 'resume-vocabulary.json';

export class ResumeVocabularyError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'ResumeVocabularyError';
  }
}

/** Reads and validates the vocabulary; a bad file fails with the file and the path in it. */
export function loadResumeVocabulary(knowledgeDir: string): ResumeVocabulary {
  const path = join(knowledgeDir, RESUME_VOCABULARY_FILE);
  if (!existsSync(path)) throw new ResumeVocabularyError(`${RESUME_VOCABULARY_FILE}: missing from the knowledge folder`);
  let data: unknown;
  try {
    data = JSON.parse(readFileSync(path, 'utf8'));
  } catch (error) {
    throw new ResumeVocabularyError(`${RESUME_VOCABULARY_FILE}: not valid JSON (${(error as Error).message})`);
  }
  const parsed = resumeVocabularySchema.safeParse(data);
  if (!parsed.success) {
    const problems = parsed.error.issues.slice(0, 5).map((i) => `${RESUME_VOCABULARY_FILE} at ${i.path.join('.')}: ${i.message}`);
    throw new ResumeVocabularyError(problems.join('\n'));
  }
  const names = new Set<string>();
  for (const t of parsed.data.tools) {
    if (names.has(t.name)) throw new ResumeVocabularyError(`${RESUME_VOCABULARY_FILE}: tool "${t.name}" is listed twice`);
    names.add(t.name);
  }
  return parsed.data;
}

let shipped: ResumeVocabulary | undefined;

/** The vocabulary shipped in the package's own knowledge folder (for code and tests that are not handed one). */
export function shippedResumeVocabulary(): ResumeVocabulary {
  shipped ??= loadResumeVocabulary(DEFAULT_KNOWLEDGE_DIR);
  return shipped;
}
