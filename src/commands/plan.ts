import { UserFacingError } from '../core/errors.ts';
import { progressBar, projectionLines, type TransitionView, targetLine, transitionView } from '../members/progress.ts';
import type { Milestone } from '../members/roadmap.ts';
import { doneMilestones, getMember } from '../members/store.ts';
import type { CommandContext, CommandDefinition } from './registry.ts';

const NO_TRACK = 'I need your target track first: /profile set track:ml-platform (or applied-ml, ml-research), or /profile setup for the guided version.';

function viewFor({ deps, inbound }: CommandContext) {
  const member = getMember(deps.db, inbound.memberId);
  if (!member?.profile.track) throw new UserFacingError(NO_TRACK);
  const view = transitionView(deps.roadmaps, member.profile, doneMilestones(deps.db, inbound.memberId), deps.now());
  if (!view) throw new UserFacingError(`There is no roadmap for the track ${member.profile.track} yet.`);
  return { member, view };
}

const milestoneLine = (view: TransitionView, m: Milestone) =>
  `- \`${m.id}\` ${m.title} (${view.weeksFor(m)} wk at ${view.hoursPerWeek} h/week, ${m.priority}) [${m.sources.join(', ')}]`;

export const planCommand: CommandDefinition = {
  name: 'plan',
  description: 'Your current phase, next three milestones and this week’s focus',
  action: {
    description: 'Show your plan',
    options: {},
    run: async (ctx) => {
      const { member, view } = viewFor(ctx);
      if (!view.currentPhase) {
        return { text: `Every milestone of the ${view.roadmap.title} roadmap is done. Time to apply: ask me about interviews or your CV.`, citations: [] };
      }
      const focus = view.next[0];
      const lines = [
        `**${view.roadmap.title}**: ${view.currentPhase.title}`,
        view.currentPhase.focus,
        '',
        'Next milestones (/done item:<id> when finished):',
        ...view.next.map((m) => milestoneLine(view, m)),
      ];
      if (focus) lines.push('', `This week: ${focus.title}. Done when: ${focus.evidence}`);
      lines.push('', ...projectionLines(view));
      const target = targetLine(view, member.profile.target);
      if (target) lines.push(target);
      return { text: lines.join('\n'), citations: [] };
    },
  },
};

export const progressCommand: CommandDefinition = {
  name: 'progress',
  description: 'Progress bars per phase and overall, and when you will be ready to apply',
  action: {
    description: 'Show your progress',
    options: {},
    run: async (ctx) => {
      const { member, view } = viewFor(ctx);
      const doneCount = view.milestones.filter((m) => view.done.has(m.id)).length;
      const width = Math.max(...view.phases.map((p) => p.phase.title.length));
      const lines = [
        `**${view.roadmap.title}**`,
        '```',
        ...view.phases.map((p) => `${p.phase.title.padEnd(width)}  ${progressBar(p.done, p.total)} (${p.done}/${p.total})`),
        `${'Overall'.padEnd(width)}  ${progressBar(doneCount, view.milestones.length)} (${doneCount}/${view.milestones.length})`,
        '```',
        `Milestones done: ${doneCount} of ${view.milestones.length}.`,
        ...projectionLines(view),
      ];
      const target = targetLine(view, member.profile.target);
      if (target) lines.push(target);
      return { text: lines.join('\n'), citations: [] };
    },
  },
};
