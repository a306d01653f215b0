import { afterAll, beforeAll, describe, expect, it } from 'vitest';
import { answerQuestion } from '../../src/answer/answer.ts';
import { OFFLINE_PREFIX } from '../../src/answer/offline.ts';
import { CLARIFY_TEXT, NOTHING_MORE_TEXT } from '../../src/answer/route.ts';
import type { App } from '../../src/main.ts';
import { inbound, storedTurns, testApp } from '../support/app.ts';

let app: App;
beforeAll(() => {
  app = testApp({ MEMBER_MESSAGES_PER_MINUTE: '1000' }, { llm: null });
});
afterAll(() => app.close());

/** Questions and a fact (figure or term) the guides give for each. */
const CASES: [string, RegExp][] = [
  ['What does an entry-level ML engineer earn in the UK?', /£34,000/],
  ['how many weeks should I budget for pytorch or tensorflow?', /10/],
  ['do i need a phd to get hired as an mle?', /PhD/],
  ['which ML roles are easiest for a backend engineer to get first?', /(platform|infrastructure)/i],
  ['what happens in week 3 of the 30-day plan?', /(deploy|serv|API)/i],
  ['how much more do senior ML engineers make than backend engineers?', /20[–-]50%/],
];

describe('offline answers', () => {
  it.each(CASES)('answers "%s" with the fact and valid citations', async (question, fact) => {
    const reply = await answerQuestion(app.core, inbound(question, `m-${question.length}`));
    expect(reply.mode).toBe('offline');
    expect(reply.text.startsWith(OFFLINE_PREFIX)).toBe(true);
    expect(reply.text).toMatch(fact);
    expect(reply.citations.length).toBeGreaterThan(0);
    const markers = [...reply.text.matchAll(/\[(\d+)\]/g)].map((m) => Number(m[1]));
    expect(new Set(markers)).toEqual(new Set(reply.citations.map((_, i) => i + 1)));
    expect(reply.text).not.toMatch(/\[[a-z0-9-]+\/[a-z0-9-]+\]/);
  });

  it('brings in a comparison of the guides only on the question\'s topic: "compared" does not add the pay comparison to an interview answer', async () => {
    const reply = await answerQuestion(app.core, inbound('what are ML interviews like compared to backend ones', 'm-compared'));
    expect(reply.text).toMatch(/interview/i);
    expect(reply.text).not.toMatch(/£|\$400K|pay|salar/i);
  });

  it('does not restate its lead: a sentence opening with a guide id is a sentence of its own, and one the lead already said is left out', async () => {
    const reply = await answerQuestion(app.core, inbound('should i claim ml experience i dont have', 'm-restate'));
    expect(reply.text).toMatch(/claim none/);
    expect(reply.text).not.toMatch(/don't claim any/);
  });

  it('gives both sides on how boldly to word a CV, even when the question is about claiming a title', async () => {
    const reply = await answerQuestion(app.core, inbound('can i put ml engineer on my cv if i only did side projects', 'm-cv-bold'));
    expect(reply.text).toMatch(/tactical-roadmap[^\n]*(metric|bold)/i);
    expect(reply.text).toMatch(/ml-2026[^\n]*(overclaim|only when true|honest)/i);
  });

  it('reads a span of time as asking how long: "is a year enough" gets the guides\' timelines', async () => {
    const reply = await answerQuestion(app.core, inbound('is a year enough to go from backend to ml engineer', 'm-year'));
    expect(reply.text).toMatch(/90 days/);
    expect(reply.text).toMatch(/9[–-]12 months|6[–-]12 months/);
  });

  it('answers "tell me more" with what the guides say next on the same topic, and asks what is meant with no earlier question', async () => {
    const first = await answerQuestion(app.core, inbound('should i learn pytorch or tensorflow', 'm-more', 'dm:m-more'));
    const more = await answerQuestion(app.core, inbound('tell me more', 'm-more', 'dm:m-more'));
    const again = await answerQuestion(app.core, inbound('why?', 'm-more', 'dm:m-more'));
    const cited = (reply: typeof first) => reply.citations.map((c) => c.id);
    expect(cited(more).length).toBeGreaterThan(0);
    expect(cited(more).filter((id) => cited(first).includes(id))).toEqual([]);
    expect(cited(again).filter((id) => [...cited(first), ...cited(more)].includes(id))).toEqual([]);
    // Asked again and again, it never repeats a card, and it stops rather than drifting to other topics.
    const seen = [...cited(first), ...cited(more), ...cited(again)];
    let last = again;
    for (let i = 0; i < 8 && last.citations.length > 0; i++) {
      last = await answerQuestion(app.core, inbound('more', 'm-more', 'dm:m-more'));
      expect(cited(last).filter((id) => seen.includes(id))).toEqual([]);
      seen.push(...cited(last));
    }
    expect([NOTHING_MORE_TEXT, CLARIFY_TEXT]).toContain(last.text);
    const alone = await answerQuestion(app.core, inbound('tell me more', 'm-more-alone', 'dm:m-more-alone'));
    expect(alone.text).toBe(CLARIFY_TEXT);
  });

  it('answers how long a CV should be without the comparison of switch timelines', async () => {
    const reply = await answerQuestion(app.core, inbound('How long should my CV be?', 'm-cv-length'));
    expect(reply.text).toMatch(/two pages/);
    expect(reply.text).not.toMatch(/five different timelines|90 days/);
  });

  it('is a short answer, not a dump of the chunks', async () => {
    const reply = await answerQuestion(app.core, inbound('How long does it take to move from backend to ML?'));
    expect(reply.citations.length).toBeLessThanOrEqual(3);
    expect(reply.text.length).toBeLessThan(1800);
  });

  it('stores offline turns with no model and no tokens', async () => {
    const before = storedTurns(app).length;
    await answerQuestion(app.core, inbound('What should be on my CV for ML roles?', 'cv-member'));
    const row = storedTurns(app).at(-1);
    expect(storedTurns(app)).toHaveLength(before + 1);
    expect(row).toMatchObject({ member_id: 'cv-member', mode: 'offline', model: null, prompt_tokens: 0, completion_tokens: 0 });
  });

  it('survives unicode, emoji and mention spam without storing junk', async () => {
    const before = storedTurns(app).length;
    const spam = await answerQuestion(app.core, inbound('@everyone @here <@123456789> 🚀🚀🚀'));
    expect(spam.text).toMatch(/do not cover|Ask me/);
    const unicode = await answerQuestion(app.core, inbound('Quel salaire pour un ML engineer à Londres? 💷 salary'));
    expect(unicode.mode).toBe('offline');
    expect(storedTurns(app).length).toBeGreaterThanOrEqual(before);
  });

  it('lets a short follow-up borrow the previous question, but not when it changes to a topic the guides never mention', async () => {
    const conversation = 'dm:follow-ups';
    await answerQuestion(app.core, inbound('What does an ML engineer earn in the UK?', 'follow-ups', conversation));
    const related = await answerQuestion(app.core, inbound('And in the US?', 'follow-ups', conversation));
    expect(related.citations.map((c) => c.id).join(' ')).toMatch(/salar|pay-figures/);
    // The US in place of the UK: the first card says which market each guide's figures are for, and names US dollars.
    await answerQuestion(app.core, inbound('what do junior ml engineers earn in the uk', 'follow-ups', conversation));
    const us = await answerQuestion(app.core, inbound('and in the us?', 'follow-ups', conversation));
    expect(us.citations[0]?.id).toBe('remote-europe/which-country-the-pay-figures-apply-to');
    expect(us.text).toMatch(/US dollars/);
    const unrelated = await answerQuestion(app.core, inbound('What about sourdough?', 'follow-ups', conversation));
    expect(unrelated.text).toMatch(/do not cover that/);
    expect(unrelated.citations).toEqual([]);
  });
});
