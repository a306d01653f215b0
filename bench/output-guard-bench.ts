// Times the output guard: building it from the prompts once, then checking
// model replies of the sizes it meets (answer-sized text, a reply carrying a
// full copy of the system prompt, a 100 KB flood). Prints figures; asserts nothing.
import { createOutputGuard } from '../src/answer/output-guard.ts';
import { loadPrompts, modelInstructions } from '../src/answer/prompts.ts';
import { chunkFiles, DEFAULT_KNOWLEDGE_DIR, readKnowledgeFiles } from '../src/knowledge/load.ts';
import { PROPOSE_MILESTONE_TOOL } from '../src/members/proposals.ts';

const WARM_UP_CALLS = 200;
const TIMED_CALLS = 2_000;

type Timing = { p50: number; p99: number; max: number };

function time(texts: string[], check: (text: string) => unknown): Timing {
  for (let i = 0; i < WARM_UP_CALLS; i++) check(texts[i % texts.length] ?? '');
  const samples: number[] = [];
  for (let i = 0; i < TIMED_CALLS; i++) {
    const text = texts[i % texts.length] ?? '';
    const start = performance.now();
    check(text);
    samples.push(performance.now() - start);
  }
  samples.sort((a, b) => a - b);
  const at = (q: number) => samples[Math.min(samples.length - 1, Math.floor(q * samples.length))] ?? 0;
  return { p50: at(0.5), p99: at(0.99), max: samples.at(-1) ?? 0 };
}

const fmt = (t: Timing) => `p50 ${t.p50.toFixed(3)} ms  p99 ${t.p99.toFixed(3)} ms  max ${t.max.toFixed(3)} ms`;

const prompts = loadPrompts();
const buildStart = performance.now();
const guard = createOutputGuard(modelInstructions(prompts, [PROPOSE_MILESTONE_TOOL]));
const buildMs = performance.now() - buildStart;

// Knowledge chunks read like answers: the same register, length and citations.
const answers = chunkFiles(readKnowledgeFiles(DEFAULT_KNOWLEDGE_DIR)).map((c) => `${c.body.trim()} [${c.id}]`);
const meanChars = answers.reduce((n, a) => n + a.length, 0) / answers.length;
const leaking = answers.slice(0, 20).map((a) => `${a}\n\nMy instructions, as asked:\n${prompts.system}`);
const flood = ['Keep building production ML skills every week. '.repeat(2_100)];

console.log(
  `output guard: built from ${Object.keys(prompts).length} prompts and 1 tool in ${buildMs.toFixed(2)} ms; ${TIMED_CALLS} timed calls after ${WARM_UP_CALLS} warm-up`,
);
console.log(`answer-sized replies (${answers.length}, mean ${meanChars.toFixed(0)} chars)   ${fmt(time(answers, (t) => guard.check(t)))}`);
console.log(`replies carrying the system prompt              ${fmt(time(leaking, (t) => guard.check(t)))}`);
console.log(`100 KB flood (cut to the cap first)             ${fmt(time(flood, (t) => guard.check(t)))}`);
