import fc from 'fast-check';
import { expect, it } from 'vitest';
import { guardRewrite } from '../../src/resume/guard.ts';
import { CUE_ONLY_EMPLOYERS, KNOWN_EMPLOYERS, TECH_TERMS } from '../../src/resume/tech-terms.ts';

const forms = TECH_TERMS.flatMap((t) => [t.name, ...(t.aliases ?? []), ...(t.exact ?? [])]);
const token = fc.oneof(
  fc.constantFrom('built', 'at', 'as', 'for', 'with', 'joined', 'from', 'promoted to', 'the', 'a', 'of', 'millions', 'thousands', 'two', 'five million', 'forty percent', 'three times', 'Senior', 'ML', 'Engineer', 'Data', 'Scientist', 'Tech', 'Lead', 'Head of Data', 'Acme', 'Corp', 'Ltd', 'Initech', '&', 'Go', 'go-live', 'R&D', '24/7', '1st', '1.', '-', '–', '—', '.', ',', '(', ')', ':', "'s", '\n', '\n- ', '\n1. ', 'é', 'Zürich', '使用', 'DeepSpeed', 'Node.js', 'GPT-5', 'EC2', 'P99', 'Q3', 'k8s', 'tf', 'TF-IDF'),
  fc.constantFrom(...forms),
  fc.constantFrom(...KNOWN_EMPLOYERS, ...CUE_ONLY_EMPLOYERS),
  fc.oneof(fc.integer({ min: 0, max: 3000 }).map(String), fc.constantFrom('20-30%', '£10–20k', '2019-2021', '3x', '10×', '$1.2M', '€3,000', '40 %', '1.2.3', '2-fold', '5M', '5 million', '1,000', '1k')),
);
const text = fc.array(token, { maxLength: 25 }).chain((ts) => fc.array(fc.constantFrom(' ', '', ' '), { minLength: ts.length, maxLength: ts.length }).map((seps) => ts.map((t, i) => t + (seps[i] ?? ' ')).join('')));

it('idempotent on rich text', () => {
  fc.assert(fc.property(fc.array(text, { maxLength: 3 }), text, (src, out) => {
    const once = guardRewrite(out, src);
    expect(guardRewrite(once.text, src)).toEqual({ text: once.text, replaced: [] });
  }), { numRuns: 20000 });
}, 600000);

it('own text unchanged on rich text', () => {
  fc.assert(fc.property(text, (src) => {
    expect(guardRewrite(src, [src])).toEqual({ text: src, replaced: [] });
  }), { numRuns: 20000 });
}, 600000);
