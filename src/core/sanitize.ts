/** Mentions (`@everyone`, `<@123>`, `<@&role>`, `<#channel>`) address people; they are never part of a question. */
const MENTION = /<@[!&]?\d+>|<#\d+>|@(everyone|here)\b/g;

/**
 * Characters that change how text looks without being seen: control characters
 * (tab and newline stay), bidirectional overrides and isolates (they reorder what
 * a reader sees), zero-width spaces, invisible operators and the byte-order mark.
 * Zero-width joiners stay: emoji sequences and some scripts need them.
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
const INVISIBLE = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f-\u009f\u061c\u180e\u200b\u200e\u200f\u202a-\u202e\u2060-\u2064\u2066-\u2069\ufeff]/g;

/** Text without invisible characters, its line breaks as plain `\n`. */
export function stripInvisible(text: string): string {
  return text.replace(/\r\n?/g, '\n').replace(INVISIBLE, '');
}

/** The question a member asked, without mentions, invisible characters or surrounding space. */
export function cleanQuestion(text: string): string {
  return stripInvisible(text)
    .replace(MENTION, ' ')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
