import { answerQuestion } from '../answer/answer.ts';
import { takeUndeliverableNotice } from '../checkins/store.ts';
import { UserFacingError } from '../core/errors.ts';
import { MAX_LINE_CHARS, MAX_QUESTION_CHARS } from '../core/limits.ts';
import { stripInvisible } from '../core/sanitize.ts';
import type { Inbound, Origin, Reply } from '../core/types.ts';
import { answerPractice, pendingPractice } from '../interview/practice.ts';
import { answerOnboarding, isOnboarding } from '../members/onboarding.ts';
import { pendingProposal, settleProposal } from '../members/proposals.ts';
import { takeMentorNotes } from '../mentors/notes.ts';
import { parseCommandLine } from './parse-line.ts';
import type { CommandRegistry, CoreDeps } from './registry.ts';

const YES = /^(y|yes|yep|yeah|sure|ok|confirm)[.!]?$/i;
const NO = /^(n|no|nope|not yet|cancel)[.!]?$/i;

/**
 * One line from a member. A line starting with "/" is always a command;
 * otherwise it answers a pending yes/no, practice or set-up question of this
 * conversation when there is one, and is a question to the coach when not.
 * Expected problems become the reply; the caller's boundary handles anything
 * else.
 */
export async function handleLine(registry: CommandRegistry, deps: CoreDeps, inbound: Inbound): Promise<Reply> {
  // Text enters here: whatever handles it next never sees invisible characters.
  const text = stripInvisible(inbound.text).trim();
  if (text.length > MAX_LINE_CHARS) {
    return {
      text: `That message is ${text.length.toLocaleString('en-GB')} characters; I take up to ${MAX_LINE_CHARS.toLocaleString('en-GB')}. Please shorten it or send it in parts.`,
      citations: [],
    };
  }
  const reply = await routeLine(registry, deps, { ...inbound, text });
  return seenOnlyByMember(inbound.origin) ? withNotices(deps, inbound.memberId, reply) : reply;
}

/**
 * Whether a reply to a line from here is seen by the member alone (a DM, the
 * local terminal chat). Elsewhere (a shared channel or thread) private notices
 * are not attached: they wait for the member's next private reply.
 */
export function seenOnlyByMember(origin: Origin): boolean {
  return origin.kind === 'dm' || origin.kind === 'terminal';
}

/**
 * Adds what is waiting for the member to the reply they are about to get:
 * mentors' notes, and word that check-ins stopped because their DMs are
 * closed. Private: call it only for a reply no one else can see (a DM, an
 * ephemeral reply, the terminal chat); a notice taken here is not kept.
 */
export function withNotices(deps: CoreDeps, memberId: string, reply: Reply): Reply {
  const notices = takeMentorNotes(deps.db, memberId, deps.now()).map((n) => `📝 Note from mentor ${n.mentorName}: ${n.text}`);
  if (takeUndeliverableNotice(deps.db, memberId)) {
    notices.push(
      'Note: your weekly check-in could not be delivered because your DMs are closed to me, so I turned check-ins off. Open DMs and use /checkin on to restart them.',
    );
  }
  return notices.length ? { ...reply, text: [reply.text, ...notices].join('\n\n') } : reply;
}

async function routeLine(registry: CommandRegistry, deps: CoreDeps, inbound: Inbound): Promise<Reply> {
  const line = inbound.text;
  if (line.startsWith('/')) {
    try {
      const parsed = parseCommandLine(registry, line);
      return await parsed.action.run({ deps, inbound }, parsed.options);
    } catch (error) {
      if (error instanceof UserFacingError) return { text: error.message, citations: [] };
      throw error;
    }
  }
  const pending = pendingProposal(deps.db, inbound.memberId, inbound.origin.conversationId);
  if (pending && (YES.test(line) || NO.test(line))) {
    const text = settleProposal(deps.db, deps.roadmaps, {
      memberId: inbound.memberId,
      proposalId: pending.id,
      accept: YES.test(line),
      now: deps.now(),
    });
    return { text, citations: [] };
  }
  const practice = pendingPractice(deps, inbound.memberId, inbound.origin.conversationId);
  if (practice) {
    if (!line) return { text: 'Your answer is empty: write it as your next message.', citations: [] };
    if (line.length > MAX_QUESTION_CHARS) {
      return { text: `That answer is ${line.length} characters; the limit is ${MAX_QUESTION_CHARS}. Please shorten it.`, citations: [] };
    }
    return answerPractice(deps, inbound, practice);
  }
  if (isOnboarding(deps, inbound.memberId, inbound.origin.conversationId)) {
    return answerOnboarding(deps, inbound.memberId, inbound.origin.conversationId, line);
  }
  return answerQuestion(deps, inbound);
}
