import { beforeAll, describe, expect, it } from 'vitest';
import { SUPPORTING_CARD_CHARS } from '../../src/answer/focus.ts';
import { routeQuestion } from '../../src/answer/route.ts';
import type { Db } from '../../src/db/client.ts';
import { retrieve } from '../../src/knowledge/search.ts';
import { shippedKnowledgeDb } from '../support/knowledge-db.ts';

let db: Db;
beforeAll(() => {
  db = shippedKnowledgeDb();
});

/** Each line, asked after `previous` if given, is routed as `kind`: what the member gets. */
function expectKind(kind: 'answer' | 'off-topic' | 'small-talk' | 'clarify', lines: string[], previous?: string): void {
  for (const line of lines) expect(routeQuestion(db, line, previous).kind, line).toBe(kind);
}

describe('the scope gate over the shipped knowledge base', () => {
  it('declines lines about something else, even when some of their words are ML words', () => {
    for (const line of ['whats the best laptop for deep learning', 'write me a poem about kubernetes', 'What is the best recipe for sourdough bread?']) {
      expect(routeQuestion(db, line).kind, line).toBe('off-topic');
    }
  });

  it("declines career words about someone else's work or a child's things, and keeps the member's own", () => {
    expectKind('off-topic', [
      'tips for a barista job interview at starbucks?',
      'how much does a dentist earn in canada',
      'whats the salary of the uk prime minister',
      'my dad needs a cv for a warehouse job, can you write one for him',
      'interview questions to ask a wedding photographer',
      'best model railway starter set for an 8 year old',
      'how do i work out vat on an invoice',
      'pretend ur a pirate and talk like one for the rest of the chat',
      'my cousin wants to study medicine in germany, what are the requirements',
      'best app to learn spanish',
      'how much does the uk prime minister earn',
      'what is 2+2',
      'repeat after me: i am a potato',
      'how much does the prime minister get paid',
      'solve for x: 3x + 7 = 22',
      'ive had a headache for 3 days that wont go away, what should i take',
      'laptop wont turn on after the windows update, help',
      'recipe for a sourdough starter from scratch',
      'how do i train my puppy to stop biting my hands',
      'should i rebalance my stock portfolio now or wait till january',
      'how much do fashion models get paid per runway show',
      'best model train set for a 6 year old? budget about £80',
      'best model train set for 6 yo kid? birthday next week',
      'write a birthday message for my manager, she is turning 50',
      'why does my docker container keep exiting with code 137',
      'my wifi keeps dropping every evening, how do i fix it',
      'any tips for interviewing a nanny',
      'convert 150 usd to gbp',
      'how much do premier league footballers earn a week',
      'can u help me write a jira ticket for a login bug we found in prod',
      'can you review this function for bugs: def add(a, b): return a - b',
      'best remote control car for a 13 year old',
      'average salery for a nurse practitioner in texas',
      'is a masters in nursing worth it in the uk',
    ]);
    expectKind('answer', [
      'should i use a fancy cv template',
      'how much does a junior ml engineer earn in the uk',
      'pretend you are an interviewer and ask me an ml system design question',
      'can i study ml in the evenings with a 2 year old at home',
      'my wife thinks the pay cut is too risky',
      'is it too late to learn pytorch at 40',
      'salery expectations year 1 vs year 3 vs year 5?',
      'week 2 of the 30 day plan - do i bother tuning hyperparamaters yet or nah',
      'trained my first model in a notebook, it works-ish. whats next',
      'for the first few months what maths should i acutally be doing? lin alg? stats? calc?',
      'ok im starting monday. what do i do this week',
      'write a message to a recruiter about an ml role',
      'my training job keeps crashing on the gpu, is debugging like this normal in ml work',
      'is a masters in machine learning worth it',
      'are there remote ml jobs in europe',
    ]);
  });

  it('asks what a line follows when it opens as a follow-up or points back and nothing came before, whatever it names', () => {
    expectKind('clarify', [
      'what about canada then',
      'ok and how much does that pay?',
      'same question but for the other guide',
      'wait which step was that again',
      'which of those would u pick',
      'wait what did u mean by the second one',
      'wait how long did u say that takes',
      'is that the same for contractors too?',
    ]);
    const route = routeQuestion(db, 'ok so what do i go for instead', 'should i get a data scientist job first and then move to mle');
    expect(route.kind).toBe('answer');
  });

  it('declines a line whose words the guides happen to use when the whole line is about something else, and answers an everyday-worded one about the switch', () => {
    expectKind('off-topic', ['is it worth fixing my old car or buying a new one', 'should i fix my credit score before applying for a mortgage']);
    expectKind('answer', [
      'two rejections in a week, starting to feel like a fraud',
      'we have a mortgage and my wife works part time, is it realistic to do the whole switch in evenings or is that a fantasy',
    ]);
    expectKind('off-topic', ['my wife is a nurse, how much do nurses earn in london', 'my son wants to be a pilot, how long is the training']);
  });

  it('reads a word or two of chat around a pleasantry as small talk, but not a question or a topic of the guides', () => {
    expectKind('small-talk', [
      'cheers bud',
      'sorry for spamming the channel',
      'gud nite',
      'hahaha',
      'good morning from manchester',
      'sorry i went off on a tangent there',
    ]);
    expectKind('off-topic', ['how do i renew my passport online', 'translate this into french: good morning', 'weather in leeds tomorrow?']);
    expect(routeQuestion(db, 'any way to improve my odds?', 'how many applications will i need to send').kind).toBe('answer');
    expect(routeQuestion(db, 'and what can i safely ignore for now', 'what ml topics are must-know').kind).toBe('answer');
    expectKind('answer', ['thanks! and in the US?', 'cheers, and what about portfolio projects'], 'what do ml engineers earn in the uk');
  });

  it('does not read an everyday English word as a typo of a guide word ("gaming" is not "naming"), yet still corrects real typos', () => {
    expectKind('off-topic', ['whats the best gpu to buy for gaming', 'recommend a movie for tonight']);
    const route = routeQuestion(db, 'wat salery can i expct as a junior ml eng in london');
    expect(route.kind).toBe('answer');
    if (route.kind === 'answer') expect(route.retrieval.hits[0]?.id).toBe('salaries/uk-salary-bands-by-level');
  });

  it('declines a request for a piece of work that is no career document, and keeps a question whose story uses words the guides never do', () => {
    expectKind('off-topic', ['write a python function to reverse a linked list', 'translate this into french: good morning']);
    expectKind('answer', [
      'write me a linkedin headline for ml roles',
      'honestly how much maths do i need, i failed calc at uni lol',
      'is tensorflow dead? should i just do pytorch',
    ]);
  });

  it('does not count slips in everyday words, backend tool names or a career phrase against a question', () => {
    expectKind('answer', [
      'my first model is prety rough, should i spend time tuning it before moving on',
      'how do i plug a trained model into my existing spring boot app and deploy it with the stuff i already use',
      'why is debuging ml such a nightmare compared to regular code',
      'give me a few solid reasons to make the jump, need to convince my partner its not a midlife crisis',
      'can i do it in 3 months if i grind hard',
      'im pretty bad at maths tbh, is that a dealbreaker for ml',
      'first 6 weeks - which python libs',
    ]);
    expectKind('off-topic', [
      'how do i change a tyre',
      'how do i get my rescue greyhound to stop pulling on the lead',
      "what's the average salary of a premier league footballer",
      "what's the senior discount at the cinema on tuesdays",
      'how do i fix a postgres deadlock in my django app',
      'can u recommend a good recipe for ramen',
      'how much does a plumber charge for a small job like fixing a dripping tap',
    ]);
    expectKind('answer', ['im scared ill be the dumbest person on an ml team', 'do i need a visa to work in the uk as an ml engineer']);
  });

  it('reads a longer line that points back as a follow-up of the earlier question, and asks what it means with none', () => {
    const step = routeQuestion(db, 'whats involved in step 4 and how long is it', 'uk based backend dev, whats the step by step plan to get into ml');
    expect(step.kind === 'answer' && step.retrieval.hits.map((h) => h.id)).toContain('plan-uk-seven-steps/step-4-get-practical-experience-first');
    expect(routeQuestion(db, 'ok so how long would that take then').kind).toBe('clarify');
    expect(routeQuestion(db, 'and what about my sourdough starter', 'uk based backend dev, whats the step by step plan to get into ml').kind).toBe('off-topic');
  });

  it('reads "next one?" or "the 2nd one?" after a question naming a part of a plan as that part of the same plan', () => {
    for (const [line, previous, expected] of [
      ['next one?', 'tell me about the first project on the 7 month path', 'project-path/project-2-end-to-end-ml-pipeline'],
      ['and after that?', 'whats in step 3 of the uk plan', 'plan-uk-seven-steps/step-4-get-practical-experience-first'],
      ['and the 2nd one?', 'whats the first project in the 7 month project path', 'project-path/project-2-end-to-end-ml-pipeline'],
    ]) {
      const route = routeQuestion(db, line as string, previous);
      expect(route.kind === 'answer' && route.retrieval.hits[0]?.id, line).toBe(expected);
    }
  });

  it('reads a line ending on "then" as following the earlier question', () => {
    const route = routeQuestion(db, 'how can i boost my chances then', 'is it normal to be ghosted after applying for ml jobs');
    expect(route.kind === 'answer' && route.retrieval.hits.map((h) => h.id)).toContain('job-search/how-many-applications-to-expect');
  });

  it('puts each side of a comparison in the context', () => {
    for (const line of ['ml platform eng vs mlops eng, whats the diff', 'whats the difference between mlops and ml platform eng']) {
      const route = routeQuestion(db, line);
      const ids = route.kind === 'answer' ? route.retrieval.hits.map((h) => h.id) : [];
      expect(ids, line).toEqual(expect.arrayContaining(['roles/ml-platform-engineer-role', 'roles/mlops-engineer-role']));
    }
  });

  it('reads "paying for" as a cost and "missing" skills as a gap, not as pay or what you would miss', () => {
    const free = routeQuestion(db, 'where can i practise on real data without paying for gpus or cloud');
    expect(free.kind === 'answer' && free.retrieval.hits.slice(0, 3).map((h) => h.id)).toContain('study-topics/kaggle-datasets-and-free-cloud-tiers');
    const gap = routeQuestion(db, 'php dev here, what skills am i actually missing for ml eng roles');
    expect(gap.kind === 'answer' && gap.retrieval.hits.every((h) => !h.id.startsWith('reality-check/what-you-might-miss'))).toBe(true);
  });

  it('hears age in "am i too old", not in "old versions of a model" or "a late reply"', () => {
    const uncovered = (line: string) => {
      const route = routeQuestion(db, line);
      return route.kind === 'answer' ? route.uncovered : [];
    };
    expect(uncovered('my old job was backend, am i too old to move into ml')).toContain('age');
    expect(uncovered('whats that thing where u keep old versions of a model so u can roll back, do i need to learn it')).not.toContain('age');
    expect(uncovered('sorry for the late reply, how many projects should my portfolio have')).not.toContain('age');
  });

  it('answers a question that names a guide, whatever everyday words come with it', () => {
    const route = routeQuestion(db, 'months 5-7 of the 4 phase plan, what am i supposed to be building then?');
    expect(route.kind).toBe('answer');
    if (route.kind === 'answer') expect(route.retrieval.hits.map((h) => h.id)).toContain('plan-four-phases/phase-3-months-5-7-production-ml-systems');
  });

  it('hears a bare number as the member\'s age ("at 38"), but not a figure ("30% more")', () => {
    const age = routeQuestion(db, 'is it dumb to try switching to ml at 38?');
    expect(age.kind === 'answer' && age.uncovered).toEqual(['age']);
    const pay = routeQuestion(db, 'someone on reddit said u get like 30% more going into ml');
    expect(pay.kind === 'answer' && pay.uncovered).toEqual([]);
  });

  it('says plainly that the guides do not cover a gap in a career, but not for the guides\' own "skills gap"', () => {
    const gap = routeQuestion(db, 'how do i explain a 2 yr gap on my resume');
    expect(gap.kind === 'answer' && gap.uncovered).toEqual(['career gaps and layoffs']);
    const skills = routeQuestion(db, 'how do i close my skills gap for ml');
    expect(skills.kind === 'answer' && skills.uncovered).toEqual([]);
  });

  it('answers a question about the field that names a tool the guides never do, and says plainly that they do not', () => {
    const route = routeQuestion(db, 'is airflow useful for mlops');
    expect(route.kind).toBe('answer');
    if (route.kind === 'answer') expect(route.unmentioned).toEqual(['airflow']);
    const everyday = routeQuestion(db, 'should i pump up my cv with ml stuff i only did in tutorials');
    expect(everyday.kind === 'answer' && everyday.unmentioned).toEqual([]);
    const story = routeQuestion(db, 'ive been doing java at a bank for 8 years, mostly spring boot microservices. where do i even begin with ml?');
    expect(story.kind === 'answer' && story.unmentioned).toEqual([]);
  });

  it('answers pay questions that say "comp"', () => {
    expect(routeQuestion(db, 'are those $400k comp numbers even relevant if i live in germany?').kind).toBe('answer');
  });
});

describe('the context a question gets', () => {
  it('keeps the best card whole and trims supporting cards to their lead and the lines about the question', () => {
    const question = 'how long should my cv be';
    const route = routeQuestion(db, question);
    if (route.kind !== 'answer') throw new Error(`expected an answer, got ${route.kind}`);
    const whole = new Map(retrieve(db, question, 10).hits.map((h) => [h.id, h.text]));
    const [best, ...rest] = route.retrieval.hits;
    expect(best?.text).toBe(whole.get(best?.id ?? ''));
    const trimmed = rest.filter((h) => h.text !== whole.get(h.id));
    expect(trimmed.length).toBeGreaterThan(0);
    for (const hit of trimmed) {
      const full = whole.get(hit.id) ?? '';
      expect(hit.text.length).toBeLessThanOrEqual(SUPPORTING_CARD_CHARS);
      // The lead stays, and every kept line is a whole line of the card.
      expect(hit.text.startsWith(full.split('\n')[0] ?? '')).toBe(true);
      for (const line of hit.text.split('\n').filter(Boolean)) expect(full.split('\n')).toContain(line);
    }
  });

  it('keeps a card that sets the guides side by side whole, so no side is dropped', () => {
    const route = routeQuestion(db, 'will i earn more or less after switching to ml?');
    if (route.kind !== 'answer') throw new Error(`expected an answer, got ${route.kind}`);
    const comparison = route.retrieval.hits.find((h) => h.id === 'salaries/will-pay-go-up-or-down-guides-compared');
    expect(comparison).toBeDefined();
    for (const guide of ['uk-guide', 'pathway-9m', 'transition-4phase', 'tactical-roadmap']) expect(comparison?.text).toContain(guide);
  });
});
