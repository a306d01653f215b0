import { describe, expect, it } from 'vitest';
import { splitSentences } from '../../src/answer/sentences.ts';

describe('splitSentences', () => {
  it('starts a sentence at a guide id, which is written in lower case', () => {
    const text = "With no ML job yet, don't claim any. ml-2026 warns that interviewers probe. uk-guide agrees.";
    expect(splitSentences(text).map((s) => s.text)).toEqual([
      "With no ML job yet, don't claim any.",
      'ml-2026 warns that interviewers probe.',
      'uk-guide agrees.',
    ]);
  });

  it('keeps a list item whole and does not split inside a sentence', () => {
    expect(splitSentences('- Learn ml-2026 style. Then build.\nA model, e.g. a ranker, ships.')).toEqual([
      { text: 'Learn ml-2026 style. Then build.', listItem: true },
      { text: 'A model, e.g. a ranker, ships.', listItem: false },
    ]);
  });
});
