/** Tools and technologies: the vocabulary's list, and words that look technical but are not in it. */
import type { ResumeVocabulary } from '../vocabulary.ts';
import { collapse, matches, phrasePattern, W } from './text.ts';

type Form = { text: string; term: number; exactCase: boolean; strict: boolean };

/** The tool matchers for one vocabulary (built once per vocabulary: the patterns are large). */
export function compileTools(vocab: ResumeVocabulary) {
  const FORMS: Form[] = vocab.tools.flatMap((t, term) => [
    ...[t.name, ...(t.aliases ?? [])].map((text) => ({ text, term, exactCase: t.caseSensitive === true, strict: false })),
    ...(t.exact ?? []).map((text) => ({ text, term, exactCase: true, strict: true })),
  ]);
  const FORMS_BY_KEY = new Map<string, Form[]>();
  for (const f of FORMS) {
    const key = collapse(f.text).toLowerCase();
    FORMS_BY_KEY.set(key, [...(FORMS_BY_KEY.get(key) ?? []), f]);
  }

  const startsWord = (text: string) => /^[A-Za-z0-9_]/.test(text);
  const endsWord = (text: string) => /[A-Za-z0-9_]$/.test(text);
  /**
   * Boundaries for a tool's surface form: not inside a longer word and, in a rewrite, not glued to one by a
   * dot ("ASP.NET", "llama.cpp"). In the member's own text (`loose`) plain word boundaries are enough.
   */
  const before = (text: string, loose: boolean) => (startsWord(text) && !loose ? `(?<![${W}])(?<![${W}]\\.)` : `(?<![${W}])`);
  const after = (text: string, loose: boolean) => (endsWord(text) && !loose ? `(?![${W}])(?!\\.[${W}])` : `(?![${W}])`);
  const formPattern = (text: string, loose = false) => `${before(text, loose)}${phrasePattern(text)}${after(text, loose)}`;

  /** One pattern for many forms, the boundaries factored out of the alternation (far faster than one per form). */
  function alternation(texts: string[], loose: boolean): string {
    const groups = new Map<string, { head: string; tail: string; alts: string[] }>();
    for (const text of [...new Set(texts)].sort((a, b) => b.length - a.length)) {
      const key = `${startsWord(text)}/${endsWord(text)}`;
      const group = groups.get(key) ?? { head: before(text, loose), tail: after(text, loose), alts: [] };
      group.alts.push(phrasePattern(text));
      groups.set(key, group);
    }
    return [...groups.values()].map((g) => `${g.head}(?:${g.alts.join('|')})${g.tail}`).join('|');
  }

  const TOOL_RE = new RegExp(
    alternation(
      FORMS.map((f) => f.text),
      false,
    ),
    'giu',
  );
  const LOOSE_TOOL_RE = new RegExp(
    alternation(
      FORMS.map((f) => f.text),
      true,
    ),
    'giu',
  );

  const STICKY_FORMS = [...new Set(FORMS.map((f) => f.text))]
    .sort((a, b) => b.length - a.length)
    .map((text) => ({
      first: text.charAt(0).toLowerCase(),
      re: new RegExp(formPattern(text), 'iuy'),
      loose: new RegExp(formPattern(text, true), 'iuy'),
    }));

  const WHOLE_TOOL_RE = new RegExp(`^(?:${TOOL_RE.source})$`, 'iu');
  const isListTool = (name: string) => {
    const m = WHOLE_TOOL_RE.exec(name);
    return !!m && termOf(m[0]) !== undefined;
  };

  /**
   * The terms the member's text names, every form at every position ("PyTorch Lightning" names PyTorch too).
   * Any case counts there — people type "go, postgres, kafka" in a stack field — except for `exact` short forms.
   */
  function toolsInSources(sources: string): Set<number> {
    const found = new Set<number>();
    for (const m of matches(LOOSE_TOOL_RE, sources)) {
      LOOSE_TOOL_RE.lastIndex = m.index + 1;
      const first = sources.charAt(m.index).toLowerCase();
      for (const f of STICKY_FORMS) {
        if (f.first !== first) continue;
        f.loose.lastIndex = m.index;
        const hit = f.loose.exec(sources);
        if (!hit) continue;
        const norm = collapse(hit[0]);
        for (const form of FORMS_BY_KEY.get(norm.toLowerCase()) ?? []) {
          if (!form.strict || form.text === norm) found.add(form.term);
        }
      }
    }
    return found;
  }

  /** The term a matched span in a rewrite names, honouring case for everyday words. */
  function termOf(matched: string): number | undefined {
    const norm = collapse(matched);
    const forms = FORMS_BY_KEY.get(norm.toLowerCase()) ?? [];
    return forms.find((f) => !f.exactCase || f.text === norm)?.term;
  }

  /** The longest listed tool, written validly, that starts at `index`. */
  function toolAt(text: string, index: number): { end: number; term: number } | undefined {
    const first = text.charAt(index).toLowerCase();
    for (const f of STICKY_FORMS) {
      if (f.first !== first) continue;
      f.re.lastIndex = index;
      const m = f.re.exec(text);
      const term = m ? termOf(m[0]) : undefined;
      if (m && term !== undefined) return { end: index + m[0].length, term };
    }
    return undefined;
  }

  // Words that look technical (CamelCase, "Node.js", "EC2", "GPT-5") but are not in the list.
  const TECHY_WORD_RE = new RegExp(
    `(?<![${W}.])(?:[A-Z][A-Za-z]*-[0-9](?:[A-Za-z0-9.]*[A-Za-z0-9])?|[A-Za-z][A-Za-z0-9]*(?:\\.[A-Za-z0-9]+)*)(?![${W}])`,
    'gu',
  );
  const GENERIC_TECHY = new Set(vocab.genericTechyWords);
  const GENERIC_TECHY_RE =
    /^(?:[Pp][0-9]{1,3}|[Qq][1-4]|[Hh][12]|[Ll][0-9]|[Ff][12]|[Rr]2|[Vv][0-9]{1,2}(?:\.[0-9]+)*|[Ss][Ee][Vv][0-9]|FY[0-9]{2,4}|Y2K|[Bb]2[BbCc]|SOC2|Web[23]|IPv[46]|HTTP[123]|UTF-?8|ISO-?[0-9]+|[Ee]2[Ee]|i18n|l10n|a11y|[Pp]2[Pp]|x86|x64|arm64|amd64|MP[34]|A[345]|G7|G20|K12|[Tt]ier[0-9]|COVID-?19|Covid-?19)$/;

  function looksTechy(word: string): boolean {
    if (GENERIC_TECHY.has(word) || GENERIC_TECHY_RE.test(word)) return false;
    if (/^[A-Z][A-Za-z]*-[0-9]/.test(word)) return true; // GPT-5, Llama-4
    const parts = word.split('.');
    if (parts.length > 1) {
      const [head = '', ...rest] = parts;
      return head.length >= 2 && rest.every((p) => p.length >= 2) && rest.some((p) => /[A-Za-z]/.test(p));
    }
    return /[a-z][A-Z]/.test(word) || /[A-Z]{2,}[a-z]{2,}/.test(word) || /[A-Za-z][0-9]|[0-9][A-Za-z]/.test(word);
  }

  /** A tool pattern for scanning a rewrite (global; reset lastIndex per use). */
  const toolPattern = () => new RegExp(TOOL_RE.source, 'giu');
  return { toolAt, isListTool, toolsInSources, looksTechy, toolPattern, TECHY_WORD_RE };
}

export type Tools = ReturnType<typeof compileTools>;
