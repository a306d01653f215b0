/**
 * Offline framing advice by question type: what a good answer does for that
 * kind of question, the bridge from the member's own facts, and the guides'
 * lines that fit it. Lines meant for another kind of question (CV length,
 * degrees outside an objection) are left out, and so is any guide line that
 * would put a tool or credential in the member's mouth that their profile,
 * projects or question do not name.
 */

import { splitSentences } from '../answer/sentences.ts';
import type { Profile } from '../members/profile.ts';
import { guardRewrite } from '../resume/guard.ts';
import type { ResumeVocabulary } from '../resume/vocabulary.ts';
import type { QuestionType } from './question-type.ts';

export const TYPE_LABEL: Record<QuestionType, string> = {
  objection: 'an objection to answer with evidence',
  motivation: 'a motivation question',
  behavioural: 'a behavioural question',
  'system-design': 'an ML system design question',
  technical: 'a technical question',
};

export const ADVICE: Record<QuestionType, string[]> = {
  motivation: [
    'Move toward ML, not away from backend: say what draws you to ML work and how your backend years make you better at it.',
    'Keep pay and boredom out of the headline; name a concrete step you have already taken.',
  ],
  objection: [
    'Grant the gap in one calm sentence, without apologising, then move to evidence: a system you built and ran, and what you are doing to close the gap.',
    'Where the role is production engineering, say so: that is where your years count more than a qualification.',
  ],
  behavioural: [
    'Tell one real story in order: the situation, your task, the actions you took yourself, and the result, with a figure if you have one.',
    'Close with what you would carry into ML work from it, in a sentence.',
  ],
  'system-design': [
    'Agree the goal and the constraints first (latency, scale, freshness of data), then walk through data, features, model, serving and monitoring, naming a trade-off at each step.',
    'Your backend strengths belong in serving, reliability and monitoring: claim them where they fit, and ask about the parts you would learn.',
  ],
  technical: [
    'Define it in one sentence, give a small example, then name the trade-off or how you would check it in practice.',
    'If you have used it, say where; if not, say how you would test it rather than claiming experience.',
  ],
};

type ProfileFacts = Pick<Profile, 'role' | 'years' | 'stack'> | undefined;

/** The member's own facts, or placeholders where they are missing: nothing else. */
export function bridgeFor(type: QuestionType, p: ProfileFacts, projects: string[]): string {
  const who = p?.role ? `${p.years !== null && p.years !== undefined ? `${p.years} years as ` : ''}${p.role}${p.stack ? ` with ${p.stack}` : ''}` : '';
  const project = projects.length ? projects.join(', ') : '[your project]';
  const setup = who ? '' : ' /profile set stores your role, years and stack so I can fill them in.';
  switch (type) {
    case 'motivation':
    case 'objection':
      return who
        ? `Your bridge: ${who}. Name one system you ran in production and what it taught you about reliability, data and scale, then the ML work you are doing now (${project}).`
        : `Your bridge: name your backend role and years, one production system you ran, and the ML work you are building now (${project}).${setup}`;
    case 'behavioural':
      return `Your story: one situation from your own work${who ? ` (${who})` : ''} or from ${project}: [situation], [your task], [what you did], [result and figure].${setup}`;
    case 'system-design':
      return `Where you fit: the serving, data and monitoring parts${p?.stack ? ` you would build with ${p.stack}` : ''}; say plainly which ML parts you would learn on the job.${setup}`;
    case 'technical':
      return projects.length
        ? `If you used it in ${project}, say how and what you measured; if not, explain it without claiming experience.`
        : 'Explain it without claiming experience; a small project where you tried it ([your project]) is the strongest follow-up.';
  }
}

const OTHER_TYPE_ADVICE = /\b(cv|curriculum vitae|résumé|resume|two pages|one page|cover letter|linkedin)\b/i;
const DEGREE_TALK = /\b(phd|ph\.d|degree|doctorate|master'?s|msc)\b/i;

/** The composed guide text, keeping only sentences that fit this type and attribute nothing new to the member. */
export function guideLinesFor(type: QuestionType, composed: string, facts: string[], vocab: ResumeVocabulary): string {
  const keep = (sentence: string) => {
    if (OTHER_TYPE_ADVICE.test(sentence)) return false;
    if (type !== 'objection' && DEGREE_TALK.test(sentence)) return false;
    const claims = guardRewrite(sentence.replace(/\[[a-z0-9-]+\/[a-z0-9-]+\]/g, ''), facts, vocab).replaced;
    return !claims.some((r) => r.placeholder === '[tool]' || r.placeholder === '[credential]' || r.placeholder === '[employer]');
  };
  const [prefix = '', ...paragraphs] = composed.split(/\n{2,}/);
  const kept = paragraphs
    .map((paragraph) => {
      // The paragraph's citation rides on its last sentence; keep it with whatever is left.
      const cite = / ?(\[[a-z0-9-]+\/[a-z0-9-]+\])+$/.exec(paragraph)?.[0] ?? '';
      const sentences = splitSentences(paragraph.slice(0, paragraph.length - cite.length)).map((s) => s.text);
      const left = sentences.filter(keep).join(' ');
      return left ? `${left}${cite}` : '';
    })
    .filter((p) => p.length > 0);
  return kept.length ? [prefix, ...kept].join('\n\n') : '';
}
