/** Job titles a rewrite claims ("as Senior ML Engineer", a line opening with a title). */
import { type AddCandidate, matches, SP, W } from './text.ts';

// Titles

const SENIORITY = 'senior|sr\\.?|junior|jr\\.?|lead|staff|principal|distinguished|associate|graduate|founding|chief|mid-level|entry-level';
const DOMAIN = [
  'machine_learning',
  'deep_learning',
  'computer_vision',
  'site_reliability',
  'big_data',
  'distributed_systems',
  'full(?:-|_)?stack',
  'back(?:-|_)?end',
  'front(?:-|_)?end',
  'forward(?:-|_)deployed',
  'applied',
  'ml',
  'ai',
  'mlops',
  'devops',
  'llm',
  'nlp',
  'genai',
  'data',
  'software',
  'platform',
  'infrastructure',
  'infra',
  'cloud',
  'research',
  'analytics',
  'product',
  'engineering',
  'security',
  'solutions',
  'systems',
  'database',
  'qa',
  'test',
  'mobile',
  'ios',
  'android',
  'web',
  'quantitative',
  'quant',
  'integration',
  'embedded',
  'hardware',
  'network',
  'technical',
  'tech',
  'team',
  'reliability',
  'python',
  'java',
  'golang',
  'go',
  'api',
  'model',
  'inference',
]
  .map((d) => d.replace(/_/g, `${SP}+`))
  .join('|');
const ROLE =
  'engineer|developer|scientist|architect|analyst|researcher|manager|lead|consultant|specialist|programmer|administrator|designer|intern|sre|swe|mle';
const TITLE =
  `(?:(?:${SENIORITY})${SP}+(?:(?:${DOMAIN})${SP}+){0,3}(?:${ROLE})` +
  `|(?:(?:${DOMAIN})${SP}+){1,3}(?:${ROLE})` +
  `|(?:head|director|vp|vice${SP}+president)(?:${SP}+of)?${SP}+(?:${DOMAIN})(?:${SP}+(?:and${SP}+)?(?:${DOMAIN})){0,2}` +
  `|cto|ceo|cio|cdo|chief${SP}+[a-z]+${SP}+officer|co-?founder|founder)`;
const CLAIM_TITLE_RE = new RegExp(
  `(?<![${W}])(?:as|promoted${SP}+to|became|become|becoming|stepped${SP}+into|moved${SP}+into|transitioned${SP}+into|title${SP}*:|role${SP}*:)${SP}+(?:(?:a|an|the|our|their|my)${SP}+)?(?<t>${TITLE})(?![${W}])`,
  'dgiu',
);
const LINE_TITLE_RE = new RegExp(`^${SP}*(?:[-*•·▪◦–—]|\\d{1,2}[.)])?${SP}*(?<t>${TITLE})(?![${W}])`, 'dgimu');

export function normTitle(s: string): string {
  return ` ${s
    .toLowerCase()
    .replace(/machine\s+learning/g, 'ml')
    .replace(/artificial\s+intelligence/g, 'ai')
    .replace(/\bsr\.?(?=\s)/g, 'senior')
    .replace(/\bjr\.?(?=\s)/g, 'junior')
    .replace(/back[\s-]?end/g, 'backend')
    .replace(/front[\s-]?end/g, 'frontend')
    .replace(/full[\s-]?stack/g, 'fullstack')
    .replace(/\btechnical\s+lead\b/g, 'tech lead')
    .replace(/\bvice\s+president\b/g, 'vp')
    .replace(/\bco-?founder\b/g, 'cofounder')
    .replace(/\bswe\b/g, 'software engineer')
    .replace(/\bmle\b/g, 'ml engineer')
    .replace(/\bsre\b/g, 'site reliability engineer')
    .replace(/[^\p{L}\p{N}]+/gu, ' ')
    .trim()} `;
}

/** Titles the rewrite claims; `memberTitles` is the member's text through `normTitle`. */
export function titleCandidates(output: string, memberTitles: string, add: AddCandidate): void {
  for (const re of [CLAIM_TITLE_RE, LINE_TITLE_RE]) {
    for (const m of matches(re, output)) {
      const at = m.indices?.groups?.t;
      const t = m.groups?.t;
      if (!at || !t) continue;
      if (re === LINE_TITLE_RE && !/^\p{Lu}/u.test(t)) continue;
      add(at[0], at[1], '[title]', 0, memberTitles.includes(normTitle(t)));
    }
  }
}
