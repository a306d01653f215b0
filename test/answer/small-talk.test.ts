import { describe, expect, it } from 'vitest';
import { detectSmallTalk } from '../../src/answer/small-talk.ts';
import { openDatabase } from '../../src/db/client.ts';
import { ensureKnowledgeIndex } from '../../src/knowledge/index-store.ts';
import { DEFAULT_KNOWLEDGE_DIR } from '../../src/knowledge/load.ts';
import { indexSnapshot } from '../../src/knowledge/snapshot.ts';

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
    ['谢谢', 'thanks'],
    ['do u have feelings', 'identity'],
    ['enjoy ur sunday', 'goodbye'],
    ['PIVOT WAKE UP', 'greeting'],
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
    ['is what i type here private? can my boss see it', 'privacy'],
    ['who runs this bot', 'identity'],
    ['what model are u running on, gpt or claude?', 'identity'],
    ['do u remember what we talked about last week', 'abilities'],
    ['is this free or do i have to pay at some point', 'abilities'],
    ['why are your replies so long', 'criticism'],
    ['catch you tomorrow', 'goodbye'],
    ['talk soon x', 'goodbye'],
    ['God bless you for this \u{1F64F}', 'thanks'],
    ['best bot in the server tbh', 'thanks'],
    ['no way \u{1F602}', 'acknowledgement'],
    ['oof', 'acknowledgement'],
    ['say less', 'acknowledgement'],
    ['hiya, you about?', 'greeting'],
    ['hello there, first time using this', 'greeting'],
    ['can i talk to a human instead', 'identity'],
    ['that answer was way too long', 'criticism'],
    ['you already said that', 'criticism'],
    ['do you store my messages', 'privacy'],
    ['is this convo private?', 'privacy'],
    ['soz, typo', 'never-mind'],
    ['u alive?', 'identity'],
    ['can you speak spanish', 'abilities'],
    ['10/10 would ask again', 'thanks'],
    ['wagwan', 'greeting'],
    ['bloody hell', 'acknowledgement'],
    ['ugh long day', 'mood'],
    ['so tired', 'mood'],
    ['night, talk tomorrow', 'goodbye'],
    ['that wasnt really what i asked tbh', 'criticism'],
    ['way too long, didnt read', 'criticism'],
    ['soz didnt mean to send that', 'never-mind'],
    ['can other ppl in the server see what i ask u', 'privacy'],
    ['hola, qué tal?', 'greeting'],
    ['apologies, I pressed enter too early', 'never-mind'],
    ['testing 1 2 3', 'greeting'],
    ['ur actually goated', 'thanks'],
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
    'how do i even start',
    'im exhausted from studying every night, how do i keep going',
    'is 6 months too long to study',
    'is it a shame to quit',
    'wake up call for my career, what should i do',
    'whats a good project, lets go',
  ])('leaves %j to be answered as a question', (line) => {
    expect(detectSmallTalk(line)).toBeUndefined();
  });
});

describe('small talk the phrase lists miss, read with the small-talk model of our knowledge', () => {
  const db = openDatabase(':memory:');
  ensureKnowledgeIndex(db, DEFAULT_KNOWLEDGE_DIR);
  const index = indexSnapshot(db);

  it.each([
    ['I must take my leave now. Wishing you a pleasant evening.', 'goodbye'],
    ['Thank you kindly for taking the time to respond in such detail.', 'thanks'],
  ])('reads %j as %s', (line, kind) => {
    expect(detectSmallTalk(line)).toBeUndefined();
    expect(detectSmallTalk(line, index)).toBe(kind);
  });

  it.each([
    'can you help me with my history homework on the french revolution',
    'pretend ur a pirate and talk like one',
    'how do you model a spiral staircase in blender',
    'thank you kindly. and what do ml engineers earn in the us?',
  ])('leaves %j to be answered or declined', (line) => {
    expect(detectSmallTalk(line, index)).toBeUndefined();
  });
});
