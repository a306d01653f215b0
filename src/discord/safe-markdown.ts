import { stripInvisible } from '../core/sanitize.ts';

const ZERO_WIDTH_SPACE = '\u200b';
const MASS_MENTION = /@(everyone|here)\b/gi;
const USER_OR_ROLE_MENTION = /<(@[!&]?\d+)>/g;
/**
 * `[label](target "title")` as Discord's Markdown reads it (one level of
 * brackets in the label, parentheses in the target); only http(s) targets
 * become links. The target stops at whitespace, which keeps the match linear.
 */
const MASKED_LINK = /\[((?:\[[^\]]*\]|[^[\]])*)\]\(\s*<?((?:\([^)\s]*\)|[^\s\\])*?)>?(?:\s+['"][^'"]*['"])?\s*\)/g;

/** A masked link shown with its real target beside its label, so a label cannot pose as another address. */
function unmask(text: string): string {
  let out = text;
  for (let previous = ''; previous !== out; ) {
    previous = out;
    out = out.replace(MASKED_LINK, (link: string, label: string, target: string) => {
      if (!/^https?:\/\//i.test(target)) return link;
      const shown = label.trim();
      return shown && shown !== target ? `${shown} (<${target}>)` : `<${target}>`;
    });
  }
  return out;
}

/**
 * Text as it is safe to post on Discord, whoever wrote it. `allowed_mentions`
 * already stops every ping; this also keeps mentions from looking like pings
 * (a zero-width space breaks `@everyone` and `<@id>` as Discord reads them),
 * shows where each masked link really goes, and drops invisible characters.
 */
export function safeForDiscord(text: string): string {
  return unmask(stripInvisible(text)).replace(MASS_MENTION, `@${ZERO_WIDTH_SPACE}$1`).replace(USER_OR_ROLE_MENTION, `<${ZERO_WIDTH_SPACE}$1>`);
}
