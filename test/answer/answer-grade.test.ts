import { describe, expect, it } from 'vitest';
import { type AnswerCase, gradeAnswer } from '../../bench/answer-grade.ts';

const pay: AnswerCase = {
  id: 'pay',
  question: 'will I get paid more?',
  topic: 'pay',
  facts: [['£34', '34k'], ['+30']],
  sides: [
    { label: 'cut', guides: ['uk-guide'], any: ['cut', 'lower'] },
    { label: 'rise', guides: ['pathway-9m'], any: ['+30'] },
  ],
};

describe('the answer grader', () => {
  it('passes an answer that carries every fact and names both sides with their guides', () => {
    const text = [
      'Answering from the guides directly (offline mode, no language model):',
      '',
      'The uk-guide expects a cut at first, with entry ML roles at £34,000–£48,000. [1] The pathway-9m guide quotes +30% overall. [2]',
      '',
      'Sources:',
      '  [1] Pay cut (uk-guide)',
    ].join('\n');
    const grade = gradeAnswer(pay, text);
    expect(grade).toMatchObject({ missingFacts: [], missingSides: [], repeated: [], fragments: [] });
    expect(grade.words).toBe(19);
  });

  it('names a dropped side and a missing fact', () => {
    const grade = gradeAnswer(pay, 'The pathway-9m guide quotes +30% overall.');
    expect(grade.missingFacts).toEqual([['£34', '34k']]);
    expect(grade.missingSides).toEqual(['cut']);
  });

  it('counts near-duplicate sentences and fragments', () => {
    const text = [
      'The uk-guide says career changers usually start on entry-level ML pay in the UK.',
      'Career changers usually start on entry-level ML pay in the UK, the uk-guide says.',
      '',
      'Its first months are the hardest.',
      'Serving: FastAPI, Docker and Kubernetes Go deep, not wide.',
      'A possible short-term dip, strong long-term upside.',
    ].join('\n');
    const grade = gradeAnswer({ ...pay, facts: [], sides: [] }, text);
    expect(grade.repeated).toHaveLength(1);
    expect(grade.fragments).toEqual([
      'opens with a pronoun whose referent is elsewhere: Its first months are the hardest.',
      'two sentences glued together: Serving: FastAPI, Docker and Kubernetes Go deep, not wide.',
      'no verb: A possible short-term dip, strong long-term upside.',
    ]);
  });
});
