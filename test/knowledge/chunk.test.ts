import { describe, expect, it } from 'vitest';
import { chunkMarkdown, KnowledgeFormatError, slugify } from '../../src/knowledge/chunk.ts';

const words = (n: number, word = 'pipeline') => Array.from({ length: n }, () => word).join(' ');

const file = (body: string) => `# Topic\n\n${body}`;

describe('chunkMarkdown', () => {
  it('splits at ## headings with stable ids, sources and tags', () => {
    const chunks = chunkMarkdown(
      'Pay Bands.md',
      file(
        `## UK salary bands: by level\nsources: uk-guide\ntags: Salary, pay\n\n${words(80)}\n\n## Pay compared\nsources: uk-guide, pathway-9m\ntags: uplift\n\n${words(70)}\n`,
      ),
    );
    expect(chunks.map((c) => c.id)).toEqual(['pay-bands/uk-salary-bands-by-level', 'pay-bands/pay-compared']);
    expect(chunks[0]).toMatchObject({ title: 'UK salary bands: by level', tags: ['salary', 'pay'], sources: ['uk-guide'] });
    expect(chunks[1]?.sources).toEqual(['uk-guide', 'pathway-9m']);
    expect(chunks[0]?.body.split(' ')).toHaveLength(80);
  });

  it('names the file and line of a chunk with an unknown source', () => {
    expect(() => chunkMarkdown('x.md', file(`## A\nsources: blog-post\ntags: a\n\n${words(80)}`))).toThrow(
      /x\.md:3: "A" names unknown source\(s\): blog-post/,
    );
  });

  it('rejects chunks outside the 60-250 word range', () => {
    expect(() => chunkMarkdown('x.md', file(`## Tiny\nsources: uk-guide\ntags: a\n\n${words(10)}`))).toThrow(/10 words/);
    expect(() => chunkMarkdown('x.md', file(`## Huge\nsources: uk-guide\ntags: a\n\n${words(400)}`))).toThrow(/400 words/);
  });

  it('rejects missing tags, duplicate headings and text outside any chunk', () => {
    expect(() => chunkMarkdown('x.md', file(`## A\nsources: uk-guide\n\n${words(80)}`))).toThrow(KnowledgeFormatError);
    const twice = `## Same\nsources: uk-guide\ntags: a\n\n${words(80)}\n## Same\nsources: uk-guide\ntags: a\n\n${words(80)}`;
    expect(() => chunkMarkdown('x.md', file(twice))).toThrow(/duplicate/);
    expect(() => chunkMarkdown('x.md', `Intro text\n## A\nsources: uk-guide\ntags: a\n\n${words(80)}`)).toThrow(/x\.md:1/);
  });

  it('slugifies unicode and punctuation predictably', () => {
    expect(slugify("What you'll love — and miss (2026)!")).toBe('what-you-ll-love-and-miss-2026');
    expect(slugify('Résumé tips')).toBe('resume-tips');
  });
});
