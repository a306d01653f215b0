import { existsSync, readdirSync, readFileSync } from 'node:fs';
import { join } from 'node:path';
import { z } from 'zod';
import { SOURCES } from '../knowledge/sources.ts';

export const TRACKS = ['ml-platform', 'applied-ml', 'ml-research'] as const;
export type Track = (typeof TRACKS)[number];

const sourceIds = z.array(z.enum(Object.keys(SOURCES) as [string, ...string[]])).min(1);
const slug = z.string().regex(/^[a-z0-9]+(-[a-z0-9]+)*$/, 'must be a lower-case slug like "serve-a-model"');

const milestoneSchema = z.object({
  id: slug,
  title: z.string().min(3),
  skills: z.array(z.string().min(1)).min(1),
  evidence: z.string().min(10),
  weeks: z.number().int().min(1).max(52),
  priority: z.enum(['critical', 'important', 'nice-to-have']),
  sources: sourceIds,
});

const phaseSchema = z.object({
  id: slug,
  title: z.string().min(3),
  weeks: z.number().int().min(1).max(104),
  /** Learning phases lead to "ready to apply"; the job-search phase is projected after it, on its own. */
  stage: z.enum(['learning', 'job-search']).default('learning'),
  focus: z.string().min(10),
  sources: sourceIds,
  milestones: z.array(milestoneSchema).min(1),
});

const floorSchema = z.object({ weeks: z.number().int().min(1).max(104), sources: sourceIds, basis: z.string().min(10) });

export const roadmapSchema = z.object({
  track: z.enum(TRACKS),
  title: z.string().min(3),
  summary: z.string().min(10),
  baselineHoursPerWeek: z.number().int().min(1).max(80),
  /** The fastest the guides allow for each stage: no projection goes below these, however many hours. */
  fastest: z.object({ ready: floorSchema, search: floorSchema }),
  sources: sourceIds,
  notes: z.array(z.object({ text: z.string().min(10), sources: sourceIds })),
  phases: z.array(phaseSchema).min(1),
});

export type Roadmap = z.infer<typeof roadmapSchema>;
export type Phase = Roadmap['phases'][number];
export type Milestone = Phase['milestones'][number] & { phaseId: string; phaseTitle: string };

/** A roadmap file that does not match the schema; the message names the file and the path in it. */
export class RoadmapError extends Error {
  constructor(message: string) {
    super(message);
    this.name = 'RoadmapError';
  }
}

export type Roadmaps = {
  byTrack: ReadonlyMap<Track, Roadmap>;
  /** Every milestone of a track, in roadmap order, with its phase. */
  milestones(track: Track): Milestone[];
  milestone(id: string): Milestone | undefined;
};

/** Loads and validates `knowledge/roadmaps/*.json`; fails loudly on the first bad file. */
export function loadRoadmaps(dir: string): Roadmaps {
  const byTrack = new Map<Track, Roadmap>();
  const names = existsSync(dir)
    ? readdirSync(dir)
        .filter((n) => n.endsWith('.json'))
        .sort()
    : [];
  for (const name of names) {
    const file = join('roadmaps', name);
    let data: unknown;
    try {
      data = JSON.parse(readFileSync(join(dir, name), 'utf8'));
    } catch (error) {
      throw new RoadmapError(`${file}: not valid JSON (${(error as Error).message})`);
    }
    const parsed = roadmapSchema.safeParse(data);
    if (!parsed.success) {
      const problems = parsed.error.issues.slice(0, 5).map((i) => `${file} at ${formatPath(i.path)}: ${i.message}`);
      throw new RoadmapError(problems.join('\n'));
    }
    if (byTrack.has(parsed.data.track)) throw new RoadmapError(`${file}: a second roadmap for track ${parsed.data.track}`);
    const stages = parsed.data.phases.map((p) => p.stage);
    if (stages.filter((s) => s === 'job-search').length > 1 || (stages.indexOf('job-search') !== -1 && stages.at(-1) !== 'job-search')) {
      throw new RoadmapError(`${file}: at most one job-search phase, and it must come last`);
    }
    byTrack.set(parsed.data.track, parsed.data);
  }
  const all = new Map<string, Milestone>();
  const perTrack = new Map<Track, Milestone[]>();
  for (const [track, roadmap] of byTrack) {
    const list = roadmap.phases.flatMap((phase) => phase.milestones.map((m) => ({ ...m, phaseId: phase.id, phaseTitle: phase.title })));
    for (const m of list) {
      if (all.has(m.id)) throw new RoadmapError(`roadmaps: milestone id "${m.id}" is used twice`);
      all.set(m.id, m);
    }
    perTrack.set(track, list);
  }
  return {
    byTrack,
    milestones: (track) => perTrack.get(track) ?? [],
    milestone: (id) => all.get(id),
  };
}

function formatPath(path: PropertyKey[]): string {
  return path.reduce<string>((out, key) => (typeof key === 'number' ? `${out}[${key}]` : out ? `${out}.${String(key)}` : String(key)), '') || '(top level)';
}
