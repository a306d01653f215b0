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

/** How members refer to a guide by name ("the UK guide says…"); chunks from that guide rank higher. */
export const SOURCE_ALIASES: Record<SourceId, readonly string[]> = {
  'uk-guide': ['uk guide', 'uk market guide', 'british guide', 'uk-guide'],
  'pathway-9m': ['9 month guide', 'nine month guide', '9-month guide', 'pathway guide', 'career pathway', 'pathway-9m'],
  'transition-4phase': ['4 phase', 'four phase', '4-phase', 'transition-4phase'],
  'ml-2026': ['2026 guide', 'ml-2026', 'ml 2026'],
  'tactical-roadmap': ['tactical roadmap', 'tactical guide', 'apis to algorithms', 'tactical-roadmap'],
};
