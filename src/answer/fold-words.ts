import CONFUSABLES from 'unhomoglyph/data.json' with { type: 'json' };

/** A word as compared when looking for copied text, with where it sits in the original. */
export type FoldedWord = { key: string; start: number; end: number };

/**
 * Folding follows Unicode's security guidance (UTS #39 skeletons, UTR #36):
 * compatibility normalisation (NFKC), lower case, the confusables table,
 * combining marks stripped, default-ignorable characters dropped. The key is
 * a skeleton for comparing, not text to read: `l`, `1` and `i` are one
 * letter, digits used as letters (leetspeak) fold to the letter they stand for.
 *
 * The confusables table is Unicode's own (`confusables.txt`, as shipped by the
 * `unhomoglyph` package); it leaves out small capitals and maps some letters
 * to non-Latin prototypes, so those are finished here.
 */
const TABLE = CONFUSABLES as Record<string, string>;
const PROTOTYPES: Record<string, string> = {
  // Small capitals (and the prototypes the table sends Cyrillic and Greek look-alikes to).
  ᴀ: 'a',
  ʙ: 'b',
  ᴄ: 'c',
  ᴅ: 'd',
  ᴇ: 'e',
  ꜰ: 'f',
  ɢ: 'g',
  ʜ: 'h',
  ɪ: 'i',
  ᴊ: 'j',
  ᴋ: 'k',
  ʟ: 'l',
  ᴍ: 'm',
  ɴ: 'n',
  ᴏ: 'o',
  ᴘ: 'p',
  ꞯ: 'q',
  ʀ: 'r',
  ꜱ: 's',
  ᴛ: 't',
  ᴜ: 'u',
  ᴠ: 'v',
  ᴡ: 'w',
  ʏ: 'y',
  ᴢ: 'z',
  ĸ: 'k',
  ʍ: 'm',
  ß: 'b',
  ꞓ: 'e',
  н: 'h',
  м: 'm',
  т: 't',
  в: 'b',
  η: 'n',
  μ: 'm',
  χ: 'x',
  ζ: 'z',
};
/** What an ASCII character contributes to a key: digits and `$` as the letters they stand in for, `l` as `i`. */
const ASCII_LETTER: Record<string, string> = { '0': 'o', '1': 'i', '3': 'e', '4': 'a', '5': 's', '7': 't', $: 's', l: 'i' };
/** Symbols that stand for a letter only inside a word (`h@ve`, `rul!ng`, `+ask`): elsewhere they are punctuation. */
const INNER_LETTER: Record<string, string> = { '@': 'a', '!': 'i', '|': 'i', '+': 't' };
const KEPT = /^[a-z0-9£$%]$/;
const MARK = /\p{M}/gu;
/**
 * Invisible characters and combining marks: they are dropped, and they may sit
 * inside a word (`ro\u00adle`) or stand where a space was (`role\u200dand`), so
 * the words on either side are split apart only where that makes words we know.
 */
const SOFT = /^[\p{Default_Ignorable_Code_Point}\p{Cf}\p{M}]+$/u;

const ASCII_FOLD: string[] = Array.from({ length: 128 }, (_, code) => {
  const c = String.fromCharCode(code).toLowerCase();
  return ASCII_LETTER[c] ?? (KEPT.test(c) ? c : '');
});

function prototype(char: string): string {
  const mapped = PROTOTYPES[char] ?? TABLE[char];
  if (mapped === undefined) return char;
  return [...mapped.toLowerCase()].map((c) => PROTOTYPES[c] ?? c).join('');
}

/** The key letters of one non-ASCII character; '' for a separator. */
function foldNonAscii(char: string): string {
  let out = '';
  for (const c of char.normalize('NFKC').toLowerCase()) {
    const skeleton = c.charCodeAt(0) < 128 ? c : prototype(c).normalize('NFD').replace(MARK, '');
    for (const s of skeleton) {
      const code = s.charCodeAt(0);
      if (code < 128) out += ASCII_FOLD[code];
      else if (KEPT.test(s)) out += s;
    }
  }
  return out;
}

const SOFT_CHAR = undefined;
const cache = new Map<number, string | undefined>();
/** What one non-ASCII character contributes: letters, '' for a separator, undefined when it is soft. */
function foldCodePoint(code: number): string | undefined {
  let folded = cache.get(code);
  if (folded !== undefined || cache.has(code)) return folded;
  const char = String.fromCodePoint(code);
  folded = SOFT.test(char) ? SOFT_CHAR : foldNonAscii(char);
  cache.set(code, folded);
  return folded;
}

const isWordCode = (code: number | undefined) => code !== undefined && (code < 128 ? ASCII_FOLD[code] !== '' : Boolean(foldCodePoint(code)));

/**
 * The words of a text, folded so that case, punctuation, accents, full-width
 * or styled letters, look-alike letters, leetspeak and invisible characters do
 * not make a copy look different. Words are runs of letters, digits, £, $ and %.
 * Given `known` (the words we look for), a run joined only by invisible
 * characters or marks is split where that yields known words; without it, such
 * a run is one word.
 */
export function foldedWords(text: string, known?: KnownWords): FoldedWord[] {
  const words: FoldedWord[] = [];
  let pieces: FoldedWord[] = [];
  let piece: FoldedWord | undefined;
  const endWord = () => {
    if (pieces.length === 0) {
      if (piece) words.push(piece);
    } else {
      if (piece) pieces.push(piece);
      if (known) words.push(...segment(pieces, known));
      else words.push(joined(pieces));
      pieces = [];
    }
    piece = undefined;
  };
  for (let i = 0; i < text.length; ) {
    const code = text.codePointAt(i) ?? 0;
    const width = code > 0xffff ? 2 : 1;
    let folded = code < 128 ? ASCII_FOLD[code] : foldCodePoint(code);
    if (folded === '' && piece && code < 128) {
      const inner = INNER_LETTER[text[i] ?? ''];
      if (inner && isWordCode(text.codePointAt(i + 1))) folded = inner;
    }
    if (folded === undefined) {
      // Soft: the piece ends here, the word does not.
      if (piece) pieces.push(piece);
      piece = undefined;
    } else if (folded === '') {
      endWord();
    } else if (piece) {
      piece.key += folded;
      piece.end = i + width;
    } else {
      piece = { key: folded, start: i, end: i + width };
    }
    i += width;
  }
  endWord();
  return words;
}

/** The words foldedWords may split a run into, and the longest of them. */
export type KnownWords = { has(key: string): boolean; maxLength: number };

const joined = (pieces: FoldedWord[]): FoldedWord => ({
  key: pieces.map((p) => p.key).join(''),
  start: pieces[0]?.start ?? 0,
  end: pieces.at(-1)?.end ?? 0,
});

/**
 * Splits a run of pieces into known words, leaving as few pieces as possible
 * outside them; neighbouring leftover pieces stay one word. A run that is a
 * known word whole stays whole.
 */
function segment(pieces: FoldedWord[], known: KnownWords): FoldedWord[] {
  const whole = joined(pieces);
  if (known.has(whole.key)) return [whole];
  const n = pieces.length;
  // cost[j]: fewest pieces left outside known words when segmenting pieces j..n; next[j]: where the first word ends.
  const cost = new Array<number>(n + 1).fill(0);
  const next = new Array<number>(n + 1).fill(0);
  for (let j = n - 1; j >= 0; j--) {
    cost[j] = (cost[j + 1] ?? 0) + 1;
    next[j] = -(j + 1);
    let key = '';
    for (let k = j; k < n && key.length < known.maxLength; k++) {
      key += pieces[k]?.key ?? '';
      if ((cost[k + 1] ?? 0) <= (cost[j] ?? 0) && known.has(key)) {
        cost[j] = cost[k + 1] ?? 0;
        next[j] = k + 1;
      }
    }
  }
  const words: FoldedWord[] = [];
  let leftover: FoldedWord[] = [];
  for (let j = 0; j < n; ) {
    const to = next[j] ?? n;
    if (to < 0) {
      leftover.push(pieces[j] as FoldedWord);
      j = -to;
      continue;
    }
    if (leftover.length) words.push(joined(leftover));
    leftover = [];
    words.push(joined(pieces.slice(j, to)));
    j = to;
  }
  if (leftover.length) words.push(joined(leftover));
  return words;
}
