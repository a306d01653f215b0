import { describe, expect, it } from 'vitest';
import { renderReply } from '../../src/discord/render.ts';
import { splitMessage } from '../../src/discord/split.ts';

const sentence = (i: number) => `Sentence number ${i} explains one more step of the plan in plain words.`;

describe('splitMessage', () => {
  it('keeps short text whole', () => {
    expect(splitMessage('Hello there.')).toEqual(['Hello there.']);
  });

  it('splits long answers into messages of at most 2,000 characters at paragraph boundaries', () => {
    const paragraphs = Array.from({ length: 12 }, (_, p) => Array.from({ length: 6 }, (_, i) => sentence(p * 6 + i)).join(' '));
    const text = paragraphs.join('\n\n');
    const parts = splitMessage(text);
    expect(parts.length).toBeGreaterThan(2);
    for (const part of parts) expect(part.length).toBeLessThanOrEqual(2000);
    expect(parts.join('\n\n')).toBe(text);
  });

  it('splits one huge paragraph at sentence ends, losing no words', () => {
    const text = Array.from({ length: 80 }, (_, i) => sentence(i)).join(' ');
    const parts = splitMessage(text);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect(part.endsWith('.')).toBe(true);
    }
    expect(parts.join(' ')).toBe(text);
  });

  it('never breaks a list item and reopens code fences across messages', () => {
    const list = Array.from({ length: 60 }, (_, i) => `- item ${i}: ${'x'.repeat(40)}`).join('\n');
    for (const part of splitMessage(list)) {
      for (const line of part.split('\n')) expect(line).toMatch(/^- item \d+: x{40}$/);
    }
    const code = ['```python', ...Array.from({ length: 120 }, (_, i) => `print("line ${i} of a long script")`), '```'].join('\n');
    const parts = splitMessage(`Here is the code:\n\n${code}\n\nThat is all.`);
    expect(parts.length).toBeGreaterThan(1);
    for (const part of parts) {
      expect(part.length).toBeLessThanOrEqual(2000);
      expect((part.match(/```/g) ?? []).length % 2).toBe(0);
    }
    expect(parts.filter((p) => p.includes('```python')).length).toBeGreaterThan(1);
  });

  it('cuts a word with no spaces at the limit rather than failing', () => {
    const parts = splitMessage('a'.repeat(4500));
    expect(parts.map((p) => p.length)).toEqual([2000, 2000, 500]);
  });
});

describe('renderReply', () => {
  it('lists sources by title and guide, disables every mention and puts feedback on the last part', () => {
    const messages = renderReply({
      text: `@everyone look ${'long text. '.repeat(300)}`,
      citations: [{ id: 'salaries/uk-salary-bands-by-level', source: 'uk-guide', title: 'UK salary bands by level' }],
      turnId: 42,
    });
    expect(messages.length).toBeGreaterThan(1);
    for (const m of messages) {
      expect(m.allowedMentions).toEqual({ parse: [] });
      expect(m.content.length).toBeLessThanOrEqual(2000);
    }
    const last = messages.at(-1);
    expect(last?.content).toContain('[1] UK salary bands by level (uk-guide)');
    expect(last?.content).not.toContain('salaries/uk-salary-bands-by-level');
    expect(last?.feedbackTurnId).toBe(42);
    expect(messages[0]?.feedbackTurnId).toBeUndefined();
  });
});
