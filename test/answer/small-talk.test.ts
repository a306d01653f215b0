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
    ['r u a bot', 'identity'],
    ['heyy', 'greeting'],
    ['thx, that helps!', 'thanks'],
    ['thanks a ton', 'thanks'],
    ["i'm new here", 'greeting'],
    ["hi, i'm sam", 'greeting'],
    ["how's life", 'wellbeing'],
    ['what commands do you have', 'abilities'],
    ['bad bot', 'criticism'],
    ['that wasnt very useful tbh', 'criticism'],
    ["that didn't answer my question", 'criticism'],
    ['not really what i was looking for tbh', 'criticism'],
    ["you're actually really helpful", 'thanks'],
    ['thnaks so much', 'thanks'],
    ['helo', 'greeting'],
    ['guten tag', 'greeting'],
    ["g'day", 'greeting'],
    ['brb', 'goodbye'],
    ['gn, cya tomorrow', 'goodbye'],
    ['what topics can you help with', 'abilities'],
    ['what model are you', 'identity'],
    ['you saved me', 'thanks'],
    ['honestly that was not much use', 'criticism'],
    ["that's all i needed, thanks", 'thanks'],
    ['no more questions', 'goodbye'],
    [':)', 'acknowledgement'],
    ['<3', 'thanks'],
    ['\u{1F914}', 'criticism'],
    ['what can you actually do', 'abilities'],
    ['is this free to use', 'abilities'],
    ["you're honestly better than my actual mentor", 'thanks'],
    ['you misunderstood me', 'criticism'],
    ['do you remember what i asked yesterday', 'abilities'],
    ['hahaha', 'acknowledgement'],
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
    "hi, i'm a java dev",
    'how much time?',
    'any tips?',
    'and you?',
  ])('leaves %j to be answered as a question', (line) => {
    expect(detectSmallTalk(line)).toBeUndefined();
  });
});
