/** Bullets as members paste them: one per line (or separated by " | " on a single line), markers removed. */
export function splitBullets(text: string): string[] {
  return text
    .split(/\r?\n|\s+\|\s+|\s+•\s+/)
    .map((line) => line.replace(/^\s*([-*•‣▪]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
}
