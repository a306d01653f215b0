/** Mentions (`@everyone`, `<@123>`, `<@&role>`, `<#channel>`) address people; they are never part of a question. */
const MENTION = /<@[!&]?\d+>|<#\d+>|@(everyone|here)\b/g;

/** The question a member asked, without mentions, control characters or surrounding space. */
export function cleanQuestion(text: string): string {
  return text
    .replace(MENTION, ' ')
    // biome-ignore lint/suspicious/noControlCharactersInRegex: removing control characters is the point
    .replace(/[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/g, '')
    .replace(/[ \t]{2,}/g, ' ')
    .trim();
}
