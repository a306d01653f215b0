/**
 * The member's part in the work: a rewrite may not raise it. "Led", "owned",
 * "architected", "drove" pass only when the member's own text claims that
 * part; otherwise they become "contributed to", which is what "helped with",
 * "worked with" or "supported" say.
 */
import type { ResumeVocabulary } from '../vocabulary.ts';
import { type AddCandidate, containsWords, matches, phrasePattern, W } from './text.ts';

const OWNERSHIP_PRIORITY = 0.2;
/** "helped lead", "supported the architecture": a supporting verb in front does not vouch for the leading one. */
const SUPPORTING =
  /(?<![A-Za-z])(?:helped|helping|assisted|assisting|supported|supporting|contributed|contributing)(?:[ \t]+(?:to|with|in|on))?(?:[ \t]+(?:the|a|an))?[ \t]+[A-Za-z]+/gi;

function downgrade(verb: string): string {
  const lower = verb.toLowerCase();
  const plain = lower.endsWith('s') && !lower.endsWith('ss') ? 'contributes to' : 'contributed to';
  return /^\p{Lu}/u.test(verb) ? plain.charAt(0).toUpperCase() + plain.slice(1) : plain;
}

export function compileOwnership(vocab: ResumeVocabulary) {
  const byForm = new Map(vocab.ownershipVerbs.flatMap((v) => v.forms.map((f) => [f.toLowerCase(), v.vouchedBy] as const)));
  const VERB_RE = new RegExp(`(?<![${W}-])(?:${[...byForm.keys()].map(phrasePattern).join('|')})(?![${W}-])`, 'giu');

  function ownershipCandidates(output: string, sources: string, add: AddCandidate): void {
    const ownClaims = sources.replace(SUPPORTING, (s) => ' '.repeat(s.length));
    for (const m of matches(VERB_RE, output)) {
      const vouchedBy = byForm.get(m[0].toLowerCase()) ?? [];
      add(
        m.index,
        m.index + m[0].length,
        downgrade(m[0]),
        OWNERSHIP_PRIORITY,
        vouchedBy.some((v) => containsWords(ownClaims, v)),
      );
    }
  }

  return { ownershipCandidates };
}
