import { z } from 'zod';
import { UserFacingError } from '../core/errors.ts';
import type { Milestone } from '../members/roadmap.ts';
import { doneMilestones, getMember, markMilestoneDone, undoLastChange } from '../members/store.ts';
import { type CommandDefinition, type CoreDeps, defineAction } from './registry.ts';

/** Open milestones of the member's track, for /done and Discord autocomplete. */
export function openMilestones(deps: CoreDeps, memberId: string): Milestone[] {
  const track = getMember(deps.db, memberId)?.profile.track;
  if (!track) return [];
  const done = doneMilestones(deps.db, memberId);
  return deps.roadmaps.milestones(track).filter((m) => !done.has(m.id));
}

/** A milestone by exact id or unique prefix, within the member's track. */
export function findMilestone(deps: CoreDeps, memberId: string, item: string): Milestone {
  const track = getMember(deps.db, memberId)?.profile.track;
  if (!track) throw new UserFacingError('Set your track first: /profile set track:ml-platform (or applied-ml, ml-research).');
  const all = deps.roadmaps.milestones(track);
  const key = item.trim().toLowerCase().replace(/^`|`$/g, '');
  const exact = all.find((m) => m.id === key);
  if (exact) return exact;
  const matches = all.filter((m) => m.id.startsWith(key));
  if (matches.length === 1 && matches[0]) return matches[0];
  if (matches.length > 1) {
    throw new UserFacingError(`"${item}" matches ${matches.length} milestones: ${matches.map((m) => m.id).join(', ')}. Give more of the id.`);
  }
  throw new UserFacingError(`No milestone "${item}" on your ${track} roadmap. /plan lists the next ones with their ids.`);
}

export const doneCommand: CommandDefinition = {
  name: 'done',
  description: 'Mark a milestone of your roadmap done',
  action: defineAction({
    description: 'Mark a milestone done',
    options: {
      item: {
        description: 'Milestone id (or a unique start of it), from /plan',
        schema: z.string().max(100),
        suggest: ({ deps, inbound }, typed) => {
          const needle = typed.trim().toLowerCase();
          return openMilestones(deps, inbound.memberId)
            .filter((m) => !needle || m.id.includes(needle) || m.title.toLowerCase().includes(needle))
            .map((m) => ({ name: `${m.title}`.slice(0, 100), value: m.id }));
        },
      },
    },
    run: async ({ deps, inbound }, options) => {
      const milestone = findMilestone(deps, inbound.memberId, options.item);
      const marked = markMilestoneDone(deps.db, inbound.memberId, milestone.id, deps.now());
      const next = openMilestones(deps, inbound.memberId)[0];
      return {
        text: marked
          ? `Done: ${milestone.title}. /undo reverses it.${next ? `\nNext up: \`${next.id}\` ${next.title}.` : '\nThat was the last milestone of your roadmap!'}`
          : `${milestone.title} was already marked done.`,
        citations: [],
      };
    },
  }),
};

export const undoCommand: CommandDefinition = {
  name: 'undo',
  description: 'Reverse your last change (a milestone, a profile edit or a project)',
  action: defineAction({
    description: 'Undo the last change',
    options: {},
    run: async ({ deps, inbound }) => {
      const undone = undoLastChange(deps.db, inbound.memberId, deps.now());
      if (!undone) return { text: 'Nothing to undo.', citations: [] };
      const text =
        undone.kind === 'milestone-done'
          ? `Undone: ${deps.roadmaps.milestone(undone.milestoneId)?.title ?? undone.milestoneId} is open again.`
          : undone.kind === 'project-add'
            ? `Undone: removed the project ${undone.name}.`
            : `Undone: ${undone.fields.join(', ')} restored to what they were.`;
      return { text, citations: [] };
    },
  }),
};
