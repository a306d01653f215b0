/** Bullets as members paste them: one per line (or separated by " | " on a single line), markers removed. */
export function splitBullets(text: string): string[] {
  return text
    .split(/\r?\n|\s+\|\s+|\s+•\s+/)
    .map((line) => line.replace(/^\s*([-*•‣▪]|\d+[.)])\s*/, '').trim())
    .filter((line) => line.length > 0);
}

const WEAK_OPENERS: [RegExp, string][] = [
  [/^(was )?responsible for (building|developing|creating)\s+/i, 'Built '],
  [/^(was )?responsible for (maintaining|running|operating)\s+/i, 'Ran '],
  [/^(was )?responsible for\s+/i, 'Owned '],
  [/^worked on (building\s+)?/i, 'Built '],
  [/^(helped|assisted)( to)?( with)?\s+/i, 'Contributed to '],
  [/^(was )?involved in\s+/i, 'Contributed to '],
  [/^participated in\s+/i, 'Contributed to '],
];

/** The ML-relevant angle of a backend bullet, by what it is about. */
const ANGLES: [RegExp, string][] = [
  [/\b(pipeline|etl|elt|ingest|batch|stream|kafka|queue|data ?warehouse|dataset)/i, 'the data it moved: volume, freshness and quality checks are what ML teams care about'],
  [/\b(api|endpoint|latency|throughput|serv|grpc|rest|request)/i, 'serving: latency and reliability under load are exactly what model serving needs'],
  [/\b(a\/b|experiment|feature flag|rollout|canary)/i, 'experimentation: how changes were measured and rolled out safely'],
  [/\b(monitor|alert|observab|incident|on-?call|sla|slo)/i, 'monitoring: catching silent failures is half of running models in production'],
  [/\b(cache|database|postgres|sql|index|query|schema)/i, 'data modelling and query performance, the groundwork of feature stores'],
  [/\b(ci|cd|deploy|kubernetes|docker|terraform|infra)/i, 'deployment automation, the core of MLOps'],
];

/**
 * Without a model: the member's bullet with weak openers made active and,
 * beneath it, the ML angle to bring out. No facts are added; where a figure
 * would help, a placeholder asks for the member's own.
 */
export function rewriteOffline(bullet: string): string {
  let text = bullet.trim().replace(/\.$/, '');
  for (const [pattern, replacement] of WEAK_OPENERS) {
    if (pattern.test(text)) {
      text = text.replace(pattern, replacement);
      break;
    }
  }
  text = text.charAt(0).toUpperCase() + text.slice(1);
  const angle = ANGLES.find(([pattern]) => pattern.test(bullet))?.[1];
  const needsFigure = !/\d/.test(bullet);
  const tips = [angle && `ML angle: ${angle}`, needsFigure && 'add your own figure: [metric]'].filter(Boolean);
  return tips.length ? `- ${text}\n  ↳ ${tips.join('; ')}` : `- ${text}`;
}
