import { mkdirSync, writeFileSync } from 'node:fs';
import { join } from 'node:path';
import { describe, expect, it } from 'vitest';
import { openDatabase } from '../../src/db/client.ts';
import { trainCardModel } from '../../src/knowledge/card-model.ts';
import { ensureKnowledgeIndex } from '../../src/knowledge/index-store.ts';
import { featureSlots, trainNaiveBayes } from '../../src/knowledge/naive-bayes.ts';
import { parseScopeExamples, ScopeExamplesError } from '../../src/knowledge/scope-examples.ts';
import { trainSmallTalkModel } from '../../src/knowledge/small-talk-model.ts';
import { indexSnapshot } from '../../src/knowledge/snapshot.ts';
import { trainTopicModel } from '../../src/knowledge/topic-model.ts';
import { tempDir } from '../support/cli.ts';

const chunk = (heading: string, word: string) =>
  `## ${heading}\nsources: uk-guide\ntags: ${word}\nasks: ${word}? | what about ${word}? | ${word} again?\n\n${Array.from({ length: 70 }, () => word).join(' ')}\n`;

function knowledgeDir(examples?: { in: string; off: string }) {
  const dir = tempDir();
  writeFileSync(join(dir, 'alpha.md'), `# Alpha\n\n${chunk('Kubernetes serving', 'kubernetes')}`);
  if (examples) {
    mkdirSync(join(dir, 'scope'));
    writeFileSync(join(dir, 'scope', 'in-scope.txt'), examples.in);
    writeFileSync(join(dir, 'scope', 'off-topic.txt'), examples.off);
  }
  return dir;
}

describe('scope examples', () => {
  it('skips comments and blank lines, and names the file and line of one filed on both sides', () => {
    const examples = parseScopeExamples(
      [
        { name: 'scope/in-scope.txt', content: '# about the switch\n\nhow do i get into ml\nwill i take a pay cut\n' },
        { name: 'scope/off-topic.txt', content: 'best pizza in rome\n' },
      ],
      new Set(),
    );
    expect(examples).toEqual([
      { text: 'how do i get into ml', inScope: true },
      { text: 'will i take a pay cut', inScope: true },
      { text: 'best pizza in rome', inScope: false },
    ]);
    expect(() =>
      parseScopeExamples(
        [
          { name: 'scope/in-scope.txt', content: 'how do i get into ml\n' },
          { name: 'scope/off-topic.txt', content: 'pizza\nHow do I get into ML\n' },
        ],
        new Set(),
      ),
    ).toThrow(new ScopeExamplesError('scope/off-topic.txt line 2: also filed on another side, at scope/in-scope.txt line 1'));
    expect(() => parseScopeExamples([{ name: 'scope/off-topic.txt', content: 'x'.repeat(501) }], new Set())).toThrow(
      /scope\/off-topic.txt line 1: longer than 500/,
    );
  });

  it('read card asks as a card id, a tab and a question, and name the line of one whose card does not exist', () => {
    const cards = new Set(['salaries/uk-salary-bands-by-level']);
    expect(parseScopeExamples([{ name: 'scope/card-asks.txt', content: 'salaries/uk-salary-bands-by-level\twhat would i earn in leeds\n' }], cards)).toEqual([
      { text: 'what would i earn in leeds', inScope: true, card: 'salaries/uk-salary-bands-by-level' },
    ]);
    expect(() => parseScopeExamples([{ name: 'scope/card-asks.txt', content: 'salaries/nope\twhat would i earn\n' }], cards)).toThrow(
      new ScopeExamplesError('scope/card-asks.txt line 1: no card has the id "salaries/nope"'),
    );
    expect(() => parseScopeExamples([{ name: 'scope/card-asks.txt', content: 'what would i earn\n' }], cards)).toThrow(/line 1: expected a card id, a tab/);
  });

  it('read chatter as a kind, a tab and a line, and name the line of an unknown kind or of chatter also filed as a question', () => {
    expect(
      parseScopeExamples(
        [
          { name: 'scope/in-scope.txt', content: 'how long does the switch take\n' },
          { name: 'scope/small-talk.txt', content: '# chatter\ngoodbye\tI must take my leave now\nquestion\thow long does the switch take\n' },
        ],
        new Set(),
      ),
    ).toEqual([
      { text: 'how long does the switch take', inScope: true },
      { text: 'I must take my leave now', talk: 'goodbye' },
      { text: 'how long does the switch take', talk: 'question' },
    ]);
    expect(() => parseScopeExamples([{ name: 'scope/small-talk.txt', content: 'farewell\tsee ya\n' }], new Set())).toThrow(
      /scope\/small-talk.txt line 1: "farewell" is not one of greeting, thanks/,
    );
    expect(() =>
      parseScopeExamples(
        [
          { name: 'scope/off-topic.txt', content: 'good night\n' },
          { name: 'scope/small-talk.txt', content: 'goodbye\tGood night\n' },
        ],
        new Set(),
      ),
    ).toThrow(new ScopeExamplesError('scope/small-talk.txt line 1: also filed on another side, at scope/off-topic.txt line 1'));
    expect(() => parseScopeExamples([{ name: 'scope/small-talk.txt', content: 'goodbye see ya\n' }], new Set())).toThrow(
      /line 1: expected a kind of small talk, a tab/,
    );
  });

  it('are indexed with the cards: editing one rebuilds the index, and a folder without them has no topic model', () => {
    const dir = knowledgeDir({ in: 'how do i move into kubernetes work\n', off: 'best pizza in rome\n' });
    const db = openDatabase(':memory:');
    expect(ensureKnowledgeIndex(db, dir).rebuilt).toBe(true);
    expect(indexSnapshot(db).offTopic('best pizza in rome')).toBeGreaterThan(0.5);
    writeFileSync(join(dir, 'scope', 'off-topic.txt'), 'best pizza in rome\nwhich gelato is best\n');
    expect(ensureKnowledgeIndex(db, dir).rebuilt).toBe(true);
    expect(ensureKnowledgeIndex(db, dir).rebuilt).toBe(false);

    const bare = openDatabase(':memory:');
    ensureKnowledgeIndex(bare, knowledgeDir());
    expect(indexSnapshot(bare).offTopic('best pizza in rome')).toBeUndefined();
    expect(indexSnapshot(bare).smallTalk('see you around')).toBeUndefined();
  });

  it('fail indexing with the line that is wrong', () => {
    const dir = knowledgeDir({ in: 'pizza\n', off: 'pizza\n' });
    expect(() => ensureKnowledgeIndex(openDatabase(':memory:'), dir)).toThrow(/scope\/off-topic.txt line 1: also filed on another side/);
  });
});

describe('the topic model', () => {
  const examples = [
    ...[
      'how do i become an ml engineer',
      'will my pay drop if i switch to ml',
      'what maths do i need for machine learning',
      'how long is the switch into ml',
    ].map((text) => ({ text, inScope: true })),
    ...['best pizza in rome', 'how do i train my puppy to sit', 'what is the capital of france', 'recommend a film for tonight'].map((text) => ({
      text,
      inScope: false,
    })),
  ];

  it('reads lines by the side their words were taught on, the same way on every training', () => {
    const model = trainTopicModel(examples);
    expect(model.offTopic('any good pizza near the station')).toBeGreaterThan(0.5);
    expect(model.offTopic('is maths needed to switch into ml')).toBeLessThan(0.5);
    expect(trainTopicModel(examples).offTopic('a film about ml')).toBe(model.offTopic('a film about ml'));
  });
});

describe('the card model', () => {
  const cards = [
    { id: 'mlops/registry', lines: ['Model registries', 'how do i keep old versions of my model so i can roll back'] },
    { id: 'pay/uk', lines: ['UK salaries', 'what does an ml engineer earn in london'] },
  ];

  it('believes in the card whose lines a member line reads like, and leaves out cards below the floor', () => {
    const beliefs = trainCardModel(cards).cardsFor('can i roll back to an old version of a model', 0.1);
    expect([...beliefs.keys()]).toEqual(['mlops/registry']);
    expect(beliefs.get('mlops/registry')).toBeGreaterThan(0.9);
  });

  it('reads the member line with its misspellings corrected', () => {
    const correct = (word: string) => (word === 'londn' ? 'london' : undefined);
    expect([...trainCardModel(cards, correct).cardsFor('londn', 0.5).keys()]).toEqual(['pay/uk']);
    expect(trainCardModel(cards).cardsFor('londn', 0.5).size).toBe(0);
  });
});

describe('naive Bayes', () => {
  // Many questions and a little chatter, as members' lines come.
  const questions = ['do i need a phd for ml', ...Array.from({ length: 40 }, (_, i) => `how do i learn topic${i} for ml work`)];
  const chatter = ['see ya', 'thanks a lot'];

  it('with Dirichlet smoothing, reads a word only the larger class used as that class, where Laplace smoothing leans to the smaller one', () => {
    const phd = featureSlots('phd');
    const laplace = trainNaiveBayes([questions, chatter], { laplace: 1 }).posteriors(phd);
    const dirichlet = trainNaiveBayes([questions, chatter], { dirichlet: 10 }).posteriors(phd);
    expect(laplace?.[1]).toBeGreaterThan(0.5);
    expect(dirichlet?.[0]).toBeGreaterThan(0.5);
  });

  it('weighs classes by the priors given, and says nothing of a line with no word it was taught', () => {
    const even = trainNaiveBayes([questions, chatter], { dirichlet: 50 });
    const mostlyChatter = trainNaiveBayes([questions, chatter], { dirichlet: 50 }, [0.1, 0.9]);
    const slots = featureSlots('thanks, how long');
    expect(mostlyChatter.posteriors(slots)?.[1]).toBeGreaterThan(even.posteriors(slots)?.[1] as number);
    expect(even.posteriors(featureSlots('zzz qqq'))).toBeUndefined();
  });
});

describe('the small-talk model', () => {
  const model = trainSmallTalkModel(
    new Map([
      ['goodbye', ['i must go now', 'see you tomorrow', 'wishing you a pleasant evening', 'off to bed now']],
      ['thanks', ['thank you kindly', 'much appreciated', 'thanks a lot for the help']],
      ['question', ['how long does the switch take', 'what does an ml engineer earn', 'do i need a phd', 'which projects should i build first']],
    ] as const),
  );

  it('reads chatter it was not taught word for word as chatter of its kind, and questions as questions', () => {
    const leaving = model.read('i must be off now, pleasant evening');
    expect(leaving?.kind).toBe('goodbye');
    expect(leaving?.chatter).toBeGreaterThan(0.5);
    expect(model.read('kindly appreciated')).toMatchObject({ kind: 'thanks' });
    expect(model.read('which projects do i need')?.chatter).toBeLessThan(0.5);
    expect(model.read('zzz')).toBeUndefined();
  });
});
