import { parseArgs } from 'node:util';
import { UserFacingError } from '../core/errors.ts';
import { MAX_QUESTION_CHARS } from '../core/limits.ts';
import { MAX_K, type SearchHit, searchKnowledge } from '../knowledge/search.ts';
import type { App } from '../main.ts';

export const SEARCH_USAGE = `Usage: pivot search [--k N] [--json] "question"
  --k N    how many chunks to return (1-${MAX_K}, default 5)
  --json   print only a JSON array of { id, source, title, text, score }, best first`;

export type SearchOptions = { question: string; k: number; json: boolean };

/** Validates `search` arguments; every problem is a UserFacingError (exit 2). */
export function parseSearchArgs(args: string[]): SearchOptions {
  let parsed: ReturnType<typeof parse>;
  try {
    parsed = parse(args);
  } catch (error) {
    throw new UserFacingError(`${(error as Error).message}\n${SEARCH_USAGE}`);
  }
  const question = parsed.positionals.join(' ').trim();
  if (!question) throw new UserFacingError(`The question is empty: say what you want to find.\n${SEARCH_USAGE}`);
  if (question.length > MAX_QUESTION_CHARS)
    throw new UserFacingError(`The question is ${question.length} characters; the limit is ${MAX_QUESTION_CHARS}. Shorten it and try again.`);
  const kText = parsed.values.k ?? '5';
  const k = Number(kText);
  if (!/^\d+$/.test(kText) || k < 1 || k > MAX_K) throw new UserFacingError(`--k must be a whole number from 1 to ${MAX_K} (got "${kText}").`);
  return { question, k, json: parsed.values.json ?? false };
}

function parse(args: string[]) {
  return parseArgs({
    args,
    allowPositionals: true,
    strict: true,
    options: { k: { type: 'string' }, json: { type: 'boolean' } },
  });
}

/** The documented JSON shape of `pivot search --json`: exactly these keys, best first. */
export function toSearchJson(hits: SearchHit[]) {
  return hits.map((h) => ({ id: h.id, source: h.sources.join(', '), title: h.title, text: h.text, score: h.score }));
}

export function formatSearchText(hits: SearchHit[]): string {
  if (hits.length === 0) return 'No knowledge chunk matches that question.\n';
  return hits
    .map((h, i) => {
      const preview = h.text.replace(/\s+/g, ' ');
      const short = preview.length > 220 ? `${preview.slice(0, 217)}…` : preview;
      return `${i + 1}. ${h.title}  [${h.sources.join(', ')}]\n   ${h.id} · score ${h.score}\n   ${short}\n`;
    })
    .join('\n');
}

export function runSearch(app: App, options: SearchOptions, out: NodeJS.WritableStream = process.stdout): void {
  const hits = searchKnowledge(app.db, options.question, options.k);
  out.write(options.json ? `${JSON.stringify(toSearchJson(hits), null, 2)}\n` : formatSearchText(hits));
}
