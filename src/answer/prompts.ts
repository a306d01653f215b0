import { readFileSync } from 'node:fs';
import { join } from 'node:path';
import type { SearchHit } from '../knowledge/search.ts';
import type { ToolSpec } from '../llm/client.ts';
import { packagePath } from '../paths.ts';

export const PROMPTS_DIR = packagePath('prompts');

export type PromptTemplates = {
  system: string;
  answer: string;
  interviewScore: string;
  interviewFrame: string;
  resumeRewrite: string;
  resumeSummary: string;
  resumeSummarySystem: string;
};

/** Reads the prompt files once at start-up; a missing file fails loudly. */
export function loadPrompts(dir = PROMPTS_DIR): PromptTemplates {
  return {
    system: readFileSync(join(dir, 'system.md'), 'utf8').trim(),
    answer: readFileSync(join(dir, 'answer.md'), 'utf8').trim(),
    interviewScore: readFileSync(join(dir, 'interview-score.md'), 'utf8').trim(),
    interviewFrame: readFileSync(join(dir, 'interview-frame.md'), 'utf8').trim(),
    resumeRewrite: readFileSync(join(dir, 'resume-rewrite.md'), 'utf8').trim(),
    resumeSummary: readFileSync(join(dir, 'resume-summary.md'), 'utf8').trim(),
    resumeSummarySystem: readFileSync(join(dir, 'resume-summary-system.md'), 'utf8').trim(),
  };
}

/** Everything we tell a model as instructions: the prompt templates and the descriptions of the tools it may call. */
export function modelInstructions(prompts: PromptTemplates, tools: ToolSpec[]): string[] {
  const described = (value: unknown): string[] =>
    typeof value !== 'object' || value === null
      ? []
      : Object.entries(value).flatMap(([key, v]) => (key === 'description' && typeof v === 'string' ? [v] : described(v)));
  return [...Object.values(prompts), ...tools.flatMap((tool) => described(tool.function))];
}

/** Fills `{{name}}` placeholders; a placeholder without a value is a programming error. */
export function fillTemplate(template: string, values: Record<string, string>): string {
  return template.replace(/\{\{(\w+)\}\}/g, (_, name: string) => {
    const value = values[name];
    if (value === undefined) throw new Error(`prompt placeholder {{${name}}} has no value`);
    return value;
  });
}

/** Knowledge excerpts as the prompts show them: id first, so the model can cite it. */
export function formatExcerpts(hits: SearchHit[]): string {
  return hits.map((h) => `[${h.id}] ${h.title} (source: ${h.sources.join(', ')})\n${h.text}`).join('\n\n');
}
