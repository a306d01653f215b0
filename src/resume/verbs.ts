/** English verb forms for the offline rewrite: "Maintained" → "maintaining", "Set up" → "setting up". */
const IRREGULAR: Record<string, string> = {
  built: 'building',
  ran: 'running',
  wrote: 'writing',
  led: 'leading',
  set: 'setting',
  cut: 'cutting',
  drove: 'driving',
  made: 'making',
  took: 'taking',
  kept: 'keeping',
  gave: 'giving',
  began: 'beginning',
  grew: 'growing',
  shipped: 'shipping',
  planned: 'planning',
  mapped: 'mapping',
  stopped: 'stopping',
  tuned: 'tuning',
  created: 'creating',
  automated: 'automating',
  migrated: 'migrating',
  integrated: 'integrating',
  designed: 'designing',
  optimised: 'optimising',
  optimized: 'optimizing',
  exposed: 'exposing',
  implemented: 'implementing',
  developed: 'developing',
  maintained: 'maintaining',
  owned: 'owning',
  reduced: 'reducing',
  used: 'using',
  managed: 'managing',
  analysed: 'analysing',
  analyzed: 'analyzing',
  introduced: 'introducing',
  improved: 'improving',
  moved: 'moving',
  deployed: 'deploying',
  monitored: 'monitoring',
  configured: 'configuring',
  refactored: 'refactoring',
  scaled: 'scaling',
  standardised: 'standardising',
  standardized: 'standardizing',
  prototyped: 'prototyping',
  cleaned: 'cleaning',
  deduplicated: 'deduplicating',
  validated: 'validating',
  aggregated: 'aggregating',
  upgraded: 'upgrading',
  replaced: 'replacing',
  released: 'releasing',
  rewrote: 'rewriting',
  debugged: 'debugging',
  mentored: 'mentoring',
  handled: 'handling',
  served: 'serving',
  build: 'building',
  create: 'creating',
  develop: 'developing',
  design: 'designing',
  run: 'running',
  ship: 'shipping',
};

/** The -ing form of a verb as written at the start of a bullet (any case in, lower case out). */
export function asGerund(verb: string): string {
  const v = verb.toLowerCase();
  if (IRREGULAR[v]) return IRREGULAR[v];
  if (v.endsWith('ing')) return v;
  if (v.endsWith('ied')) return `${v.slice(0, -3)}ying`;
  if (v.endsWith('ed')) {
    const stem = v.slice(0, -2);
    // "tested" → "testing"; "escalated" → "escalating" (a silent e after a consonant-vowel-consonant ending).
    return /[^aeiou][aeiou][cgkstvz]$/.test(stem) || /(?:at|iz|is|uc|ag|ur|v)$/.test(stem)
      ? `${stem}ing`.replace(/([^aeiou][aeiou][cgkstvz])ing$/, '$1ing')
      : `${stem}ing`;
  }
  if (v.endsWith('e') && !v.endsWith('ee')) return `${v.slice(0, -1)}ing`;
  return `${v}ing`;
}
