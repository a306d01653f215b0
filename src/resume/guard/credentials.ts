/** Credentials a rewrite claims: degrees (with their field), universities, certifications and rankings. */
import type { ResumeVocabulary } from '../vocabulary.ts';
import { type AddCandidate, containsWords, matches, phrasePattern, SP, W } from './text.ts';

const CREDENTIAL_PRIORITY = 0.5;
/** Words that end a degree's field ("PhD in machine learning from MIT"). */
const FIELD_STOP = new Set(['from', 'at', 'and', 'with', 'while', 'where', 'which', 'who', 'to', 'for', 'as', 'is', 'was', 'the']);
const FIELD_RE = new RegExp(`^${SP}+(?:in|of)${SP}+((?:[\\p{L}&-]+(?:${SP}+|$)){1,5})`, 'u');

const alternation = (phrases: string[]) =>
  [...new Set(phrases)]
    .sort((a, b) => b.length - a.length)
    .map(phrasePattern)
    .join('|');
const bounded = (inner: string) => `(?<![${W}])(?:${inner})(?![${W}])`;

/** The field after a degree, up to a word that cannot be part of it. */
function degreeField(after: string): string {
  const words = FIELD_RE.exec(after)?.[1]?.trim().split(/\s+/) ?? [];
  const field: string[] = [];
  for (const w of words) {
    if (FIELD_STOP.has(w.toLowerCase())) break;
    field.push(w);
  }
  return field.join(' ');
}

export function compileCredentials(vocab: ResumeVocabulary) {
  const degreeForms = vocab.degrees.flatMap((d) => d.forms.map((form) => ({ form, kind: d.kind })));
  const kindOf = new Map(degreeForms.map((d) => [d.form.toLowerCase().replace(/\s+/g, ' '), d.kind]));
  const DEGREE_RE = new RegExp(bounded(alternation(degreeForms.map((d) => d.form))), 'giu');
  const universities = vocab.universities.map((u) => [u.name, ...(u.aliases ?? [])]);
  const UNIVERSITY_RE = new RegExp(
    `${bounded(alternation(universities.flat()))}|(?<![${W}])(?:University${SP}+of${SP}+[A-Z][\\p{L}-]+(?:${SP}+[A-Z][\\p{L}-]+){0,2}|(?:[A-Z][\\p{L}-]+${SP}+){1,3}(?:University|Institute${SP}+of${SP}+Technology|Polytechnic))(?![${W}])`,
    'gu',
  );
  const CERTIFICATION_RE = new RegExp(bounded(alternation(vocab.certifications)), 'gu');
  // "AWS Certified Machine Learning Specialty", "certified in Kubernetes", "Professional Data Engineer Certificate".
  const CERTIFIED_RE = new RegExp(
    `(?<![${W}])(?:(?:[A-Z][A-Za-z]*${SP}+)?[Cc]ertified(?:${SP}+in)?(?:${SP}+[A-Z][\\p{L}-]*){1,5}|(?:[A-Z][\\p{L}-]*${SP}+){1,5}(?:Certification|Certificate|Specialization|Specialisation))(?![${W}])`,
    'gu',
  );
  const RANKING_RE = new RegExp(bounded(alternation(vocab.rankings)), 'giu');

  /** The degree kinds the member's text names ("MSc" → master). */
  function degreeKinds(sources: string): Set<string> {
    const kinds = new Set<string>();
    for (const m of matches(DEGREE_RE, sources)) {
      const kind = kindOf.get(m[0].toLowerCase().replace(/\s+/g, ' '));
      if (kind) kinds.add(kind);
    }
    if (/(?<![A-Za-z])degree(?![A-Za-z])/i.test(sources)) kinds.add('degree');
    return kinds;
  }

  function credentialCandidates(output: string, sources: string, add: AddCandidate): void {
    const kinds = degreeKinds(sources);
    for (const m of matches(DEGREE_RE, output)) {
      const kind = kindOf.get(m[0].toLowerCase().replace(/\s+/g, ' ')) ?? 'degree';
      const end = m.index + m[0].length;
      const field = degreeField(kind === 'degree' ? ` in${output.slice(end)}` : output.slice(end));
      const fieldEnd = field ? output.indexOf(field, end) + field.length : end;
      const kindOk = kind === 'degree' ? kinds.size > 0 : kinds.has(kind);
      add(m.index, fieldEnd, '[credential]', CREDENTIAL_PRIORITY, kindOk && (!field || containsWords(sources, field)));
    }
    for (const m of matches(UNIVERSITY_RE, output)) {
      const names = universities.find((u) => u.some((n) => n.toLowerCase() === m[0].toLowerCase())) ?? [m[0]];
      add(
        m.index,
        m.index + m[0].length,
        '[credential]',
        CREDENTIAL_PRIORITY,
        names.some((n) => containsWords(sources, n)),
      );
    }
    for (const re of [CERTIFICATION_RE, CERTIFIED_RE, RANKING_RE]) {
      for (const m of matches(re, output)) add(m.index, m.index + m[0].length, '[credential]', CREDENTIAL_PRIORITY, containsWords(sources, m[0]));
    }
  }

  return { credentialCandidates };
}
