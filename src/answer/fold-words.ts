/** A word as compared when looking for copied text, with where it sits in the original. */
export type FoldedWord = { key: string; start: number; end: number };

/**
 * Letters of other scripts that look like Latin ones (after lower-casing, so
 * capitals count too): a copy dressed in them reads the same to a member.
 */
const LOOKALIKES: Record<string, string> = {
  а: 'a', в: 'b', е: 'e', һ: 'h', н: 'h', і: 'i', ј: 'j', к: 'k', ӏ: 'l', м: 'm', о: 'o', р: 'p', ԛ: 'q', ѕ: 's', т: 't', с: 'c', у: 'y', х: 'x', ԁ: 'd', ԝ: 'w',
  α: 'a', β: 'b', ε: 'e', η: 'h', ι: 'i', κ: 'k', μ: 'm', ν: 'v', ο: 'o', ρ: 'p', τ: 't', υ: 'u', χ: 'x', ζ: 'z',
};
const KEPT = /^[a-z0-9£$%]$/;
/** Invisible formatting and combining marks belong to the word they sit in; they never split it. */
const IGNORABLE = /^[\p{Cf}\p{M}]+$/u;
const MARK = /\p{M}/gu;

/** ASCII is nearly all of any text: its folding is a table lookup. */
const ASCII_FOLD: string[] = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code).toLowerCase();
  return KEPT.test(c) ? c : '';
});

/** What one non-ASCII character contributes to a word: letters and digits, '' for a separator, undefined when it is ignorable. */
function foldChar(char: string): string | undefined {
  if (IGNORABLE.test(char)) return undefined;
  let out = '';
  for (const c of char.normalize('NFKD').replace(MARK, '').toLowerCase()) {
    const latin = LOOKALIKES[c] ?? c;
    if (KEPT.test(latin)) out += latin;
  }
  return out;
}

/**
 * The words of a text, folded so that case, punctuation, accents, full-width
 * or styled letters, look-alike letters and invisible characters do not make
 * a copy look different. Words are runs of letters, digits, £, $ and %.
 */
export function foldedWords(text: string): FoldedWord[] {
  const words: FoldedWord[] = [];
  let key = '';
  let start = 0;
  let end = 0;
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    const folded = code < 128 ? ASCII_FOLD[code] : foldChar(String.fromCodePoint(code));
    if (folded === undefined) {
      if (key) end = i + width;
    } else if (folded === '') {
      if (key) words.push({ key, start, end });
      key = '';
    } else {
      if (!key) start = i;
      key += folded;
      end = i + width;
    }
    i += width;
  }
  if (key) words.push({ key, start, end });
  return words;
}
