/**
 * Rewrites one CV bullet without a model: the outcome first (the member's own
 * figure, or a [metric] placeholder), then what they did with a verb that
 * keeps their real part in the work, and a line saying why, with the ML
 * relevance drawn from the bullet's own substance. Nothing is added that the
 * bullet does not say: the outcome's figures are placeholders for the
 * member's own, and the ML relevance stays in the "why" line as advice.
 */
import { asGerund } from './verbs.ts';

export type OfflineRewrite = { line: string; why: string };

type Kind = { test: RegExp; outcome: string; relevance: string };

/** What the bullet is about, most specific first: the outcome to lead with and what ML teams read in it. */
const KINDS: Kind[] = [
  {
    test: /\b(model|recommendation|data scien)/i,
    outcome: 'Put a model into production for [metric] users',
    relevance: 'model deployment: you have already taken part in shipping a model, the core of ML engineering and MLOps work',
  },
  {
    test: /\b(ci\/?cd|continuous (integration|delivery)|github actions|jenkins|gitlab ci)/i,
    outcome: 'Cut release time to [metric]',
    relevance: 'deployment: shipping models reliably (MLOps) rests on the same build and release automation',
  },
  {
    test: /\b(search|elasticsearch|ranking)/i,
    outcome: 'Served [metric] searches a day at [metric] ms',
    relevance: 'search: retrieval and ranking are a common first ML area, from relevance tuning to embeddings',
  },
  {
    test: /\b(fraud|rules engine|risk|scoring)/i,
    outcome: 'Screened [metric] transactions a day',
    relevance: 'decision systems: fraud and risk rules are where models usually take over, and you know the domain and its data',
  },
  {
    test: /\b(a\/b|experiment|split test|feature flag|rollout|canary)/i,
    outcome: 'Measured the effect of [metric] product changes safely',
    relevance: 'experiments: ML work is judged by A/B tests and careful evaluation, and you have run them',
  },
  {
    test: /\b(monitor|alert|dashboard|observab|incident|on-?call|slas?\b|slos?\b|health)/i,
    outcome: 'Cut the time to detect and resolve incidents to [metric]',
    relevance: 'monitoring: model monitoring and drift detection are the same habit applied to models',
  },
  {
    test: /\b(validat|clean|dedup|data quality|quality check|partner feeds?|dataset)/i,
    outcome: 'Raised the share of clean, usable records to [metric]',
    relevance: 'data quality: clean, validated data is what makes training data trustworthy',
  },
  {
    test: /\b(pipeline|etl|elt|ingest|batch|stream|kafka|kinesis|spark|queue|events?|clickstream|warehouse)/i,
    outcome: 'Delivered [metric] records a day on schedule',
    relevance: 'data pipelines: feature and training pipelines are built the same way, with the same freshness and volume concerns',
  },
  {
    test: /\b(latency|cach|tun|optimi[sz]|slow|performance|garbage collection|load test)/i,
    outcome: 'Cut latency to [metric] under peak load',
    relevance: 'performance: inference latency and throughput budgets are a core ML serving problem',
  },
  {
    test: /\b(cost|rightsiz|spend)/i,
    outcome: 'Cut running costs by [metric]',
    relevance: 'cost: GPU and inference costs are a top concern for ML platform teams',
  },
  {
    test: /\b(ci\/?cd|deploy|release|kubernetes|docker|helm|terraform|migrat|microservices|monolith|rewrite)/i,
    outcome: 'Moved [metric] services to a safer, repeatable release path',
    relevance: 'deployment: shipping models reliably (MLOps) rests on the same automation and migrations',
  },
  {
    test: /\b(api|endpoint|rest|graphql|grpc|serv(ice|ing|er)|request|integrat)/i,
    outcome: 'Kept [metric] requests a day answered within [metric] ms',
    relevance: 'APIs: model serving is an API with latency and reliability targets, which you already meet',
  },
  {
    test: /\b(test|coverage|quality)/i,
    outcome: 'Raised test coverage to [metric]',
    relevance: 'testing: ML code needs the same tests, plus checks on data and model outputs',
  },
  {
    test: /\b(sql|query|database|schema|postgres|mysql|index)/i,
    outcome: 'Cut query times to [metric]',
    relevance: 'data modelling: feature stores and training sets are built on the same query and schema skills',
  },
];
const DEFAULT_KIND: Kind = {
  test: /./,
  outcome: 'Delivered [metric] (your measurable result)',
  relevance: 'reliability: production engineering habits are what ML teams most often lack',
};

/** Openers that describe a supporting part: the rewrite keeps that part, in stronger words. */
const PART_OPENERS: [RegExp, (rest: string) => string, string][] = [
  [/^worked (?:closely )?with (.+?) to (\w+)\s+(.*)$/i, (r) => r, 'partnered'],
  [/^(?:helped|assisted)(?: to)?(?: with| in)?\s+(.*)$/i, (r) => r, 'contributed'],
  [/^(?:was )?involved in\s+(.*)$/i, (r) => r, 'contributed'],
  [/^participated in\s+(.*)$/i, (r) => r, 'contributed'],
  [/^contributed to\s+(.*)$/i, (r) => r, 'contributed'],
  [/^supported\s+(.*)$/i, (r) => r, 'supported'],
  [/^worked on\s+(.*)$/i, (r) => r, 'contributed'],
];

/** The action as a phrase after "by": "maintaining REST APIs…", "contributing to the migration…". */
function actionPhrase(bullet: string): { phrase: string; part: 'own' | 'contributed' | 'partnered' | 'supported' } {
  const text = bullet.replace(/^(?:was )?responsible for\s+/i, '');
  const owned = text !== bullet;
  const partnered = /^worked (?:closely )?with (.+?) to (\w+)\s+(.*)$/i.exec(text);
  if (partnered) return { phrase: `partnering with ${partnered[1]} to ${partnered[2]} ${partnered[3]}`, part: 'partnered' };
  for (const [re, , part] of PART_OPENERS) {
    const m = re.exec(text);
    if (!m) continue;
    const rest = (m[1] ?? '').replace(/^(build|create|develop|design|run|ship)\b/i, (v) => asGerund(v));
    if (part === 'supported') return { phrase: `supporting ${rest}`, part };
    return { phrase: `contributing to ${rest}`, part: 'contributed' };
  }
  const [first = '', ...rest] = text.split(/\s+/);
  // "… dashboards and handled incidents": a second verb follows the first into the -ing form.
  const tail = rest.join(' ').replace(/\band (\w+ed)\b/g, (_, v: string) => `and ${asGerund(v)}`);
  const phrase = `${asGerund(first)} ${tail}`.trim();
  return { phrase: owned && !/^(building|running|maintaining|owning)/.test(phrase) ? `owning ${phrase}` : phrase, part: 'own' };
}

/** A bullet that already leads with its result ("Reduced costs by 25% by …") keeps it and gains a clearer verb. */
const RESULT_FIRST = /^(reduced|cut|raised|increased|improved|lowered|saved|grew|halved|doubled)\b/i;
const RESULT_VERB: Record<string, string> = {
  reduced: 'Cut',
  cut: 'Reduced',
  raised: 'Lifted',
  increased: 'Grew',
  improved: 'Raised',
  lowered: 'Cut',
  saved: 'Cut costs by saving',
  grew: 'Increased',
  halved: 'Cut by half',
  doubled: 'Grew twofold',
};

/** A figure clause the member wrote ("serving 2,000 requests per second", "raising coverage from 45% to 80%"). */
const FIGURE_CLAUSE =
  /,?\s*(?:that |which )?\b(serving|handling|processing|cut|cutting|reduced|reducing|raised|raising|improved|improving|saving|load(?:s|ing)?|aggregat\w*)\b\s+((?:[^,;]|,(?=\d))*\d(?:[^,;]|,(?=\d))*)$/i;

export function rewriteOffline(bullet: string): OfflineRewrite {
  const text = bullet.trim().replace(/[.;]+$/, '');
  const kind = KINDS.find((k) => k.test.test(text)) ?? DEFAULT_KIND;
  const hasFigure = /\d/.test(text);
  const { phrase, part } = actionPhrase(text);
  const partNote =
    part === 'own'
      ? ''
      : part === 'partnered'
        ? ' "Partnered with" keeps your real part; say "led" only if you did.'
        : part === 'supported'
          ? ' "Supporting" keeps your real part; say "led" or "owned" only if you did.'
          : ' "Contributed to" keeps your real part; say "led" or "owned" only if you did.';

  let line: string;
  if (RESULT_FIRST.test(text)) {
    const verb = RESULT_FIRST.exec(text)?.[1]?.toLowerCase() ?? '';
    line = `${RESULT_VERB[verb] ?? 'Cut'}${text.slice(verb.length)}${hasFigure ? '' : ' by [metric]'}`;
  } else if (hasFigure && FIGURE_CLAUSE.test(text)) {
    // The member's own figure leads: "Served 2,000 requests per second by building a payments API in Go".
    const m = FIGURE_CLAUSE.exec(text);
    const clause = `${m?.[1] ?? ''} ${m?.[2] ?? ''}`.trim();
    const head = text.slice(0, m?.index ?? text.length).trim();
    line = `${capitalise(asPast(clause))} by ${actionPhrase(head).phrase}`;
  } else {
    line = `${kind.outcome} by ${phrase}`;
  }
  const why = `Why: outcome first, then your action; ${kind.relevance}.${hasFigure ? '' : ' Replace [metric] with your own figure.'}${partNote}`;
  return { line: `- ${line}`, why: `  ${why}` };
}

const capitalise = (s: string) => s.charAt(0).toUpperCase() + s.slice(1);

/** "serving 2,000 requests" → "served 2,000 requests": the clause leads as a result. */
function asPast(clause: string): string {
  const [verb = '', ...rest] = clause.split(/\s+/);
  const past: Record<string, string> = {
    serving: 'served',
    handling: 'handled',
    processing: 'processed',
    cutting: 'cut',
    reducing: 'reduced',
    raising: 'raised',
    improving: 'improved',
    saving: 'saved',
    cut: 'cut',
    reduced: 'reduced',
    raised: 'raised',
    improved: 'improved',
    load: 'loaded',
    loads: 'loaded',
    loading: 'loaded',
  };
  const p = past[verb.toLowerCase()] ?? (verb.toLowerCase().startsWith('aggregat') ? 'aggregated' : verb);
  return [p, ...rest].join(' ');
}
