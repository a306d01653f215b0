/**
 * The resume honesty guard. A model (or rule-based code) rewrites a member's
 * CV bullets toward ML-relevant language; this runs on every rewrite and
 * summary before the member sees it. Any number, tool, employer or employer
 * group, job title, credential (degree, university, certification, ranking)
 * or ML scope that the member's own text (bullets, profile, projects) does not
 * contain is replaced by a placeholder — `[metric]`, `[tool]`, `[employer]`,
 * `[title]`, `[credential]`, `[ML work]` — and a part in the work raised above
 * the member's own ("led" for "helped with") goes back to "contributed to".
 * Each is listed, so invented experience never reaches the member as theirs.
 * Everything else in the text passes untouched: only the offending span is
 * replaced. The vocabulary is data (`knowledge/resume-vocabulary.json`).
 */

import { compileCredentials } from './guard/credentials.ts';
import { compileEmployers } from './guard/employers.ts';
import { compileMlScope } from './guard/ml-scope.ts';
import { collectNumberFacts, numberAllowed, numberTokens } from './guard/numbers.ts';
import { compileOwnership } from './guard/ownership.ts';
import { blankIgnored, type Candidate, containsWords, ignoredSpans, matches, overlaps, type Span } from './guard/text.ts';
import { normTitle, titleCandidates } from './guard/titles.ts';
import { compileTools } from './guard/tools.ts';
import { type ResumeVocabulary, shippedResumeVocabulary } from './vocabulary.ts';

/** `placeholder`: what now stands in the text — a placeholder, or the member's own level of part ("contributed to"). */
export type Replacement = { original: string; placeholder: string };
export type GuardResult = { text: string; replaced: Replacement[] }; // replaced: in order of appearance, de-duplicated by original (case-insensitive)

function compileGuard(vocab: ResumeVocabulary) {
  const tools = compileTools(vocab);
  const { employerCandidates } = compileEmployers(vocab, tools);
  const { credentialCandidates } = compileCredentials(vocab);
  const { ownershipCandidates } = compileOwnership(vocab);
  const { scopeCandidates } = compileMlScope(vocab);

  function candidates(output: string, sources: string): Candidate[] {
    const found: Candidate[] = [];
    const add = (start: number, end: number, replacement: string, priority: number, allowed: boolean) => {
      if (end > start) found.push({ start, end, replacement, priority, allowed });
    };
    const numbers = collectNumberFacts(sources);
    const memberTools = tools.toolsInSources(sources);

    titleCandidates(output, normTitle(sources), add);
    ownershipCandidates(output, sources, add);
    credentialCandidates(output, sources, add);

    // Tools from the list: the longest valid name at every position where one starts, so that a tool inside a
    // longer name another candidate claims ("at Google BigQuery") is still seen.
    const toolSpans: Span[] = [];
    const toolRe = tools.toolPattern();
    for (const m of matches(toolRe, output)) {
      const hit = tools.toolAt(output, m.index);
      toolRe.lastIndex = m.index + 1;
      if (!hit) continue;
      toolSpans.push({ start: m.index, end: hit.end });
      add(m.index, hit.end, '[tool]', 2, memberTools.has(hit.term));
    }
    // Words that look like tools but are not in the list.
    for (const m of matches(tools.TECHY_WORD_RE, output)) {
      if (!tools.looksTechy(m[0])) continue;
      toolSpans.push({ start: m.index, end: m.index + m[0].length });
      add(m.index, m.index + m[0].length, '[tool]', 4, containsWords(sources, m[0]));
    }

    employerCandidates(output, sources, toolSpans, add);
    scopeCandidates(output, sources, add);
    for (const t of numberTokens(output)) {
      add(
        t.start,
        t.end,
        '[metric]',
        5,
        t.facts.every((f) => numberAllowed(f, numbers)),
      );
    }
    return found;
  }

  /** Offending ML-scope spans joined by little words ("feature pipelines for ML models") become one placeholder. */
  function mergeScope(output: string, offending: Candidate[]): Candidate[] {
    const merged: Candidate[] = [];
    for (const c of offending) {
      const last = merged[merged.length - 1];
      const gap = last ? output.slice(last.end, c.start) : '';
      if (
        last &&
        last.replacement === '[ML work]' &&
        c.replacement === '[ML work]' &&
        /^(?:[ \t,]+(?:for|of|and|to|with|on|in|into|the|a|an|its|their)?)*[ \t]*$/i.test(gap)
      ) {
        merged[merged.length - 1] = { ...last, end: c.end };
      } else merged.push(c);
    }
    return merged;
  }

  function guardOnce(output: string, sources: string): GuardResult {
    const ignored = ignoredSpans(output);
    const pool = candidates(output, sources)
      .filter((c) => !ignored.some((s) => overlaps(s, c)))
      .sort((a, b) => a.priority - b.priority || b.end - b.start - (a.end - a.start) || a.start - b.start);
    const chosen: Candidate[] = [];
    for (const c of pool) if (!chosen.some((k) => overlaps(k, c))) chosen.push(c);
    const offending = mergeScope(
      output,
      chosen.filter((c) => !c.allowed).sort((a, b) => a.start - b.start),
    );

    let text = '';
    let at = 0;
    const replaced: Replacement[] = [];
    for (const c of offending) {
      text += output.slice(at, c.start) + c.replacement;
      replaced.push({ original: output.slice(c.start, c.end), placeholder: c.replacement });
      at = c.end;
    }
    return { text: text + output.slice(at), replaced };
  }

  /** `sources`: the member's own texts (bullets, profile fields, project names/summaries). */
  return function guardRewrite(output: string, sources: string[]): GuardResult {
    const memberText = blankIgnored(sources.join('\n'));
    let text = output;
    const replaced: Replacement[] = [];
    // A replacement can change what surrounds another candidate; repeat until nothing changes (idempotence).
    for (let pass = 0; pass < 4; pass++) {
      const once = guardOnce(text, memberText);
      if (once.replaced.length === 0) break;
      text = once.text;
      for (const r of once.replaced) {
        if (!replaced.some((x) => x.original.toLowerCase() === r.original.toLowerCase())) replaced.push(r);
      }
    }
    return { text, replaced };
  };
}

const compiled = new WeakMap<ResumeVocabulary, ReturnType<typeof compileGuard>>();

/** Guards a rewrite against the member's own texts, with the given vocabulary (the shipped one by default). */
export function guardRewrite(output: string, sources: string[], vocab: ResumeVocabulary = shippedResumeVocabulary()): GuardResult {
  let guard = compiled.get(vocab);
  if (!guard) {
    guard = compileGuard(vocab);
    compiled.set(vocab, guard);
  }
  return guard(output, sources);
}

/** The note shown under a guarded rewrite, or '' when nothing was replaced. */
export function guardNote(replaced: Replacement[]): string {
  if (replaced.length === 0) return '';
  return `Not in your original — confirm or drop: ${replaced.map((r) => `${r.original} → ${r.placeholder}`).join(', ')}.`;
}
