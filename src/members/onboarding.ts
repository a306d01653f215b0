import { DECIMAL_RULE, isNonDecimalForNumber } from '../core/decimal.ts';
import type { BaseDeps } from '../core/deps.ts';
import type { Reply } from '../core/types.ts';
import { PROFILE_FIELD_NAMES, PROFILE_FIELDS, type ProfileField, pastTargetProblem } from './profile.ts';
import { getMember, setOnboarding, updateProfile } from './store.ts';

const QUESTIONS: Record<ProfileField, string> = {
  role: 'What is your current role? (e.g. "Backend engineer")',
  years: 'How many years of experience do you have? (0-50)',
  stack: 'What is your stack? (e.g. "Go, PostgreSQL, Kafka")',
  track:
    'Which track are you aiming for? ml-platform (ML infrastructure/MLOps, the shortest path from backend), applied-ml (building models into products) or ml-research (the long path, often PhD-level)',
  hours: 'How many hours a week can you study? (1-80)',
  market: 'Which job market? uk, us, eu, remote-eu or other',
  timezone: 'Your timezone, as an IANA name? (e.g. Europe/London, America/New_York)',
  target: 'By which month do you want to have switched? (YYYY-MM, or "skip")',
  goal: 'Last one: your goal in your own words? (or "skip")',
};

const HINT = 'Say "skip" to skip a question or "stop" to finish later; /profile setup picks up where you left off.';

const nextOpen = (deps: BaseDeps, memberId: string, after?: ProfileField): ProfileField | undefined => {
  const profile = getMember(deps.db, memberId)?.profile;
  const start = after ? PROFILE_FIELD_NAMES.indexOf(after) + 1 : 0;
  return PROFILE_FIELD_NAMES.slice(start).find((f) => profile?.[f] === null || profile?.[f] === undefined);
};

/**
 * Starts or resumes the guided profile set-up at the first question not yet
 * answered, in this conversation: plain lines elsewhere stay questions.
 */
export function startOnboarding(deps: BaseDeps, memberId: string, conversationId: string): Reply {
  const step = nextOpen(deps, memberId);
  if (!step) {
    setOnboarding(deps.db, memberId, { step: null }, deps.now());
    return { text: 'Your profile is complete. /profile show shows it; /profile set changes a field.', citations: [] };
  }
  setOnboarding(deps.db, memberId, { step, conversationId, offeredAt: deps.now() }, deps.now());
  return { text: `Let's set up your profile so I can tailor your plan. ${HINT}\n\n${QUESTIONS[step]}`, citations: [] };
}

/** Whether a set-up question waits for an answer in this conversation. */
export function isOnboarding(deps: BaseDeps, memberId: string, conversationId: string): boolean {
  const member = getMember(deps.db, memberId);
  return Boolean(member?.onboardingStep) && member?.onboardingConversationId === conversationId;
}

/** Takes a plain line, in the set-up's conversation, as the answer to the pending question. */
export function answerOnboarding(deps: BaseDeps, memberId: string, conversationId: string, line: string): Reply {
  const step = getMember(deps.db, memberId)?.onboardingStep as ProfileField | undefined;
  if (!step) return startOnboarding(deps, memberId, conversationId);
  const text = line.trim();
  if (/^(stop|later|quit|cancel)$/i.test(text)) {
    setOnboarding(deps.db, memberId, { step: null }, deps.now());
    return { text: 'Paused. /profile setup resumes where you left off.', citations: [] };
  }
  if (!/^skip$/i.test(text)) {
    const parsed = PROFILE_FIELDS[step].safeParse(text);
    const problem = !parsed.success
      ? (parsed.error.issues[0]?.message ?? 'not valid')
      : isNonDecimalForNumber(PROFILE_FIELDS[step], text)
        ? DECIMAL_RULE
        : step === 'target'
          ? pastTargetProblem(String(parsed.data), deps.now())
          : undefined;
    if (!parsed.success || problem) return { text: `${step}: ${problem}. ${QUESTIONS[step]}`, citations: [] };
    updateProfile(deps.db, memberId, { [step]: parsed.data }, deps.now());
  }
  const next = nextOpen(deps, memberId, step);
  setOnboarding(deps.db, memberId, { step: next ?? null }, deps.now());
  if (next) return { text: QUESTIONS[next], citations: [] };
  return { text: 'Thanks, your profile is set. Try /plan for your next milestones, or ask me anything.', citations: [] };
}
