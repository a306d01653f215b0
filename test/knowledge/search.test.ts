import { beforeAll, describe, expect, it } from 'vitest';
import type { Db } from '../../src/db/client.ts';
import { extractConcepts } from '../../src/knowledge/query.ts';
import { ASK_MATCH_CEILING, searchKnowledge } from '../../src/knowledge/search.ts';
import { indexSnapshot } from '../../src/knowledge/snapshot.ts';
import { shippedKnowledgeDb } from '../support/knowledge-db.ts';

let db: Db;
beforeAll(() => {
  db = shippedKnowledgeDb();
});

const topFiles = (question: string, k = 3) => searchKnowledge(db, question, k).map((h) => h.id.split('/')[0]);

describe('searchKnowledge over the shipped knowledge base', () => {
  it('returns best-first hits with strictly ordered scores', () => {
    const hits = searchKnowledge(db, 'what salary can I expect as a junior ML engineer in the UK?', 5);
    expect(hits.length).toBeGreaterThanOrEqual(2);
    const scores = hits.map((h) => h.score);
    expect([...scores].sort((a, b) => b - a)).toEqual(scores);
    expect(hits[0]?.text).toMatch(/£/);
  });

  it('finds pay when members say money words the chunks do not use', () => {
    expect(topFiles('how much money would I make in Britain')).toContain('salaries');
  });

  it('treats CV and resume as the same thing', () => {
    expect(topFiles('how should i rewrite my cv')).toContain('resume');
    expect(topFiles('how should i rewrite my resume')).toContain('resume');
  });

  it('answers PhD questions whichever word is used', () => {
    const phd = searchKnowledge(db, 'do I need a PhD?', 3).map((h) => h.id);
    const doctorate = searchKnowledge(db, 'is a doctorate required?', 3).map((h) => h.id);
    expect(phd.some((id) => doctorate.includes(id))).toBe(true);
  });

  it('finds the interview chunks for interview questions', () => {
    expect(topFiles('how do I explain my career change in an interview?')).toContain('interviews');
  });

  it('lets the rarest word decide the topic: a CV question is about the CV, not the timeline', () => {
    const hits = searchKnowledge(db, 'How long should my CV be?', 5);
    expect(hits[0]?.id).toBe('resume/cv-layout-and-skills-section-for-ml');
    expect(hits[0]?.text).toMatch(/two pages/i);
    const resume = hits.filter((h) => /\bCV\b/.test(h.text)).length;
    expect(resume).toBeGreaterThan(hits.length / 2);
  });

  it('does not let a synonym outweigh the word typed: "is kaggle worth it" finds Kaggle', () => {
    const hits = searchKnowledge(db, 'is kaggle worth it', 5);
    expect(hits[0]?.text).toMatch(/Kaggle/);
    expect(hits.filter((h) => /Kaggle/.test(h.text)).length).toBeGreaterThanOrEqual(Math.min(3, hits.length));
    expect(hits.map((h) => h.id)).not.toContain('why-switch/is-backend-to-ml-realistic');
  });

  it('keeps the context small: weak hits far below the best one are left out', () => {
    const hits = searchKnowledge(db, 'should i negotiate my first ml offer', 5);
    // The best BM25 score is at least the top hit's over the lift a close ask may add.
    const bestBm25 = (hits[0]?.score ?? 0) / ASK_MATCH_CEILING;
    expect(hits.every((h) => h.score >= bestBm25 * 0.45)).toBe(true);
  });

  it('ranks a card first when one of its asks says what the member said, however generic the words', () => {
    const hits = searchKnowledge(db, 'why are backend engineers good at ml', 5);
    expect(hits[0]?.id).toBe('transferable-skills/why-backend-developers-have-an-edge-in-ml');
  });

  it('reads two words that a card pairs in its title or tags as one topic: "AI engineer jobs" are about job titles, not AI courses', () => {
    const ids = searchKnowledge(db, 'is it worth aplying for ai engineer jobs instead of mle ones', 5).map((h) => h.id);
    expect(ids).toEqual(expect.arrayContaining(['roles/bridge-roles-and-adjacent-job-titles', 'mistakes/only-applying-to-ml-engineer-titles']));
    expect(ids).not.toContain('study-topics/deep-learning-courses-and-tutorials');
  });

  it('lets a longer phrase claim its words: "a waste of money" asks whether a degree is worth it, not about pay', () => {
    const ids = searchKnowledge(db, 'would a part time msc in data science help or is that a waste of money and 2 years', 5).map((h) => h.id);
    expect(ids).toContain('study-topics/degree-or-phd-needed-for-ml');
    expect(extractConcepts('is that a waste of money').map((c) => c.terms[0])).toEqual(['worth it']);
  });

  it('keeps each question of a long message with several in the context', () => {
    const realistic = 'is it even realistic to jump to ml eng at 34 or am i kidding myself??';
    const howLong = 'and roughly how long would it take?';
    const ids = searchKnowledge(db, `been doing java at a bank for 8 yrs and honestly im bored out of my mind lol. ${realistic} ${howLong}`, 5).map(
      (h) => h.id,
    );
    for (const part of [realistic, howLong]) expect(ids, part).toContain(searchKnowledge(db, part, 1)[0]?.id);
  });

  it('corrects a typo that some ask spells the same way on purpose: "intervew" is an interview', () => {
    expect(extractConcepts('last intervew went badly', (w) => indexSnapshot(db).correct(w)).map((c) => c.terms[0])).toContain('interview');
  });

  it('returns nothing for text with no searchable words', () => {
    expect(searchKnowledge(db, '🚀🚀 ?!')).toEqual([]);
    expect(searchKnowledge(db, 'what is the')).toEqual([]);
  });

  it('copes with unicode, quotes and FTS syntax in the question', () => {
    expect(() => searchKnowledge(db, 'Gehalt für ML-Ingenieur "NEAR" (AND) OR * ^ résumé 你好')).not.toThrow();
    expect(topFiles('résumé tips please')).toContain('resume');
  });

  it('reads "go" as the verb unless the question speaks of languages: "which job should I go for" is not about Go', () => {
    expect(searchKnowledge(db, 'which ML job should I go for first?', 1)[0]?.id).toMatch(/^roles\/which-/);
    expect(searchKnowledge(db, 'i write go at work, how hard is python', 1)[0]?.id).toBe('skills-to-learn/python-for-developers-from-go-or-java');
  });
});
