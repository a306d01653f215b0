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
    ['hi, who are you?', 'identity'],
    ["hey pivot, how's it going?", 'wellbeing'],
    ['what are you able to do', 'abilities'],
    ['merci!', 'thanks'],
    ['good bot', 'thanks'],
    ['my bad, never mind', 'never-mind'],
    ['super helpful!', 'acknowledgement'],
    ['have a nice day', 'goodbye'],
    ['\u{1F44D}', 'acknowledgement'],
    ['\u{1F64F}', 'thanks'],
  ])('recognises %j', (line, kind) => {
    expect(detectSmallTalk(line)).toBe(kind);
  });

  it.each([
    'ok, what about the US?',
    'cool, how long does it take?',
    'hello, do I need a PhD?',
    'thanks! and in the US?',
    'can you help me switch to ml',
    'help me with my cv',
  ])('leaves %j to be answered as a question', (line) => {
    expect(detectSmallTalk(line)).toBeUndefined();
  });
});
