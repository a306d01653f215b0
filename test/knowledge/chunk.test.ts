import { describe, expect, it } from 'vitest';
import { chunkMarkdown, KnowledgeFormatError, slugify } from '../../src/knowledge/chunk.ts';

const words = (n: number, word = 'pipeline') => Array.from({ length: n }, () => word).join(' ');

const file = (body: string) => `# Topic\n\n${body}`;
const ASKS = 'asks: one? | two? | three?';

describe('chunkMarkdown', () => {
  it('splits at ## headings with stable ids, sources and tags', () => {
    const chunks = chunkMarkdown(
      'Pay Bands.md',
      file(
        `## UK salary bands: by level\nsources: uk-guide\ntags: Salary, pay\nasks: what do mles earn? | uk pay? | salary bands?\n\n${words(80)}\n\n## Pay compared\nsources: uk-guide, pathway-9m\ntags: uplift\nasks:\n- is ml better paid?\n- do i earn more?\n- pay vs backend?\n\n${words(70)}\n`,
      ),
    );
    expect(chunks.map((c) => c.id)).toEqual(['pay-bands/uk-salary-bands-by-level', 'pay-bands/pay-compared']);
    expect(chunks[0]).toMatchObject({ title: 'UK salary bands: by level', tags: ['salary', 'pay'], sources: ['uk-guide'] });
    expect(chunks[1]?.sources).toEqual(['uk-guide', 'pathway-9m']);
    expect(chunks[0]?.asks).toEqual(['what do mles earn?', 'uk pay?', 'salary bands?']);
    expect(chunks[1]?.asks).toEqual(['is ml better paid?', 'do i earn more?', 'pay vs backend?']);
    expect(chunks[0]?.body.split(' ')).toHaveLength(80);
  });

  it('names the file and line of a chunk with an unknown source', () => {
    expect(() => chunkMarkdown('x.md', file(`## A\nsources: blog-post\ntags: a\n${ASKS}\n\n${words(80)}`))).toThrow(/x\.md:3: "A" names an unknown source id/);
  });

  it('rejects chunks outside the 60-250 word range', () => {
    expect(() => chunkMarkdown('x.md', file(`## Tiny\nsources: uk-guide\ntags: a\n${ASKS}\n\n${words(10)}`))).toThrow(/10 words/);
    expect(() => chunkMarkdown('x.md', file(`## Huge\nsources: uk-guide\ntags: a\n${ASKS}\n\n${words(400)}`))).toThrow(/400 words/);
  });

  it('rejects missing tags, duplicate headings and text outside any chunk', () => {
    expect(() => chunkMarkdown('x.md', file(`## A\nsources: uk-guide\n\n${words(80)}`))).toThrow(KnowledgeFormatError);
    const twice = `## Same\nsources: uk-guide\ntags: a\n${ASKS}\n\n${words(80)}\n## Same\nsources: uk-guide\ntags: a\n${ASKS}\n\n${words(80)}`;
    expect(() => chunkMarkdown('x.md', file(twice))).toThrow(/duplicate/);
    expect(() => chunkMarkdown('x.md', `Intro text\n## A\nsources: uk-guide\ntags: a\n${ASKS}\n\n${words(80)}`)).toThrow(/x\.md:1/);
  });

  it('fails naming the file, line and heading of a chunk without asks or without a lead', () => {
    const noAsks = file(`## CV length\nsources: uk-guide\ntags: cv\n\nuk-guide keeps a CV to two pages. ${words(70)}`);
    expect(() => chunkMarkdown('resume.md', noAsks)).toThrow(/resume\.md:3: "CV length" needs an asks: list/);
    const twoAsks = file(`## CV length\nsources: uk-guide\ntags: cv\nasks: how long is a cv? | pages?\n\n${words(70)}`);
    expect(() => chunkMarkdown('resume.md', twoAsks)).toThrow(/"CV length" needs an asks: list of 3-8/);
    const listFirst = file(`## CV length\nsources: uk-guide\ntags: cv\n${ASKS}\n\n- two pages\n- ${words(70)}`);
    expect(() => chunkMarkdown('resume.md', listFirst)).toThrow(/resume\.md:3: "CV length" has no lead/);
    const introOnly = file(`## CV length\nsources: uk-guide\ntags: cv\n${ASKS}\n\nuk-guide's layout advice:\n\n- ${words(70)}`);
    expect(() => chunkMarkdown('resume.md', introOnly)).toThrow(/has no lead/);
  });

  it('rejects a sentence whose "it" or "its" points into another sentence', () => {
    const body = `uk-guide keeps a CV to two pages. Its research step reads 20 ads. ${words(70)}`;
    expect(() => chunkMarkdown('x.md', file(`## A\nsources: uk-guide\ntags: a\n${ASKS}\n\n${body}`))).toThrow(/"A" has a sentence starting with "it"\/"its"/);
    const fine = `uk-guide keeps a CV to two pages. The guide's research step reads 20 ads and names its sources. ${words(70)}`;
    expect(chunkMarkdown('x.md', file(`## A\nsources: uk-guide\ntags: a\n${ASKS}\n\n${fine}`))).toHaveLength(1);
  });

  it('slugifies unicode and punctuation predictably', () => {
    expect(slugify("What you'll love — and miss (2026)!")).toBe('what-you-ll-love-and-miss-2026');
    expect(slugify('Résumé tips')).toBe('resume-tips');
  });
});
