/** The five guides the knowledge base is written from (ids as in the guides' README). */
export const SOURCES = {
  'uk-guide': 'Backend Developer to Machine Learning Engineer (UK market)',
  'pathway-9m': 'From Backend Developer to Machine Learning Engineer: 9-Month Transition Guide',
  'transition-4phase': 'How to Transition from Backend to Machine Learning Engineering',
  'ml-2026': 'How to Transition from Backend Engineering to ML Engineering in 2026',
  'tactical-roadmap': 'The tactical roadmap from APIs to algorithms',
} as const;

export type SourceId = keyof typeof SOURCES;

export function isSourceId(value: string): value is SourceId {
  return Object.hasOwn(SOURCES, value);
}
