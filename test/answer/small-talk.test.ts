import { describe, expect, it } from 'vitest';
import { detectSmallTalk } from '../../src/answer/small-talk.ts';

describe('small talk', () => {
  it.each([
    ['heyyy', 'greeting'],
    ['hey there!', 'greeting'],
    ['thanksss, super helpful', 'thanks'],
    ['ok got it', 'acknowledgement'],
    ['makes sense', 'acknowledgement'],
    ['byeee', 'goodbye'],
  ])('recognises %j', (line, kind) => {
    expect(detectSmallTalk(line)).toBe(kind);
  });

  it.each(['ok, what about the US?', 'cool, how long does it take?', 'hello, do I need a PhD?', 'thanks! and in the US?'])(
    'leaves %j to be answered as a question',
    (line) => {
      expect(detectSmallTalk(line)).toBeUndefined();
    },
  );
});
