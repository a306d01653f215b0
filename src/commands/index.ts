import { askCommand } from './ask.ts';
import { checkinCommand } from './checkin.ts';
import { doneCommand, undoCommand } from './done.ts';
import { exportCommand } from './export.ts';
import { forgetCommand } from './forget.ts';
import { groupCommand } from './group.ts';
import { helpCommand } from './help.ts';
import { interviewCommand } from './interview.ts';
import { mentorCommand } from './mentor.ts';
import { planCommand, progressCommand } from './plan.ts';
import { privacyCommand } from './privacy.ts';
import { profileCommand } from './profile.ts';
import { projectCommand } from './project.ts';
import { type CommandRegistry, createRegistry } from './registry.ts';
import { resumeCommand } from './resume.ts';

/** Every command of Pivot, in the order /help lists them. Discord and the terminal share it. */
export function buildCommandRegistry(): CommandRegistry {
  const registry: CommandRegistry = createRegistry([
    askCommand,
    profileCommand,
    planCommand,
    progressCommand,
    doneCommand,
    undoCommand,
    projectCommand,
    interviewCommand,
    resumeCommand,
    checkinCommand,
    groupCommand,
    privacyCommand,
    exportCommand,
    forgetCommand,
    mentorCommand,
    helpCommand(() => registry),
  ]);
  return registry;
}
