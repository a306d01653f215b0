import { checkCitations } from '../answer/citations.ts';
import { modelFallbackNotice } from '../answer/model-fallback.ts';
import { composeOfflineAnswer } from '../answer/offline.ts';
import { fillTemplate, formatExcerpts } from '../answer/prompts.ts';
import type { Inbound, Reply } from '../core/types.ts';
import { tokenize } from '../knowledge/query.ts';
import { retrieve } from '../knowledge/search.ts';
import { LlmFailure } from '../llm/client.ts';
import { ModelRateLimited } from '../llm/metered.ts';
import { doneMilestones, getMember, listProjects } from '../members/store.ts';
import { memberSummary } from '../members/summary.ts';
import type { InterviewQuestion } from './bank.ts';
import type { InterviewDeps } from './deps.ts';
import { ADVICE, bridgeFor, guideLinesFor, TYPE_LABEL } from './frame-advice.ts';
import { GUIDE_QUERY, type QuestionType, questionType, TOPICS_FOR } from './question-type.ts';

/** The bank question closest in wording to the member's, for its pitfalls. */
function closestQuestion(bank: InterviewQuestion[], text: string, type: QuestionType): InterviewQuestion | undefined {
  const words = new Set(tokenize(text).filter((w) => w.length > 3));
  let best: InterviewQuestion | undefined;
  let bestScore = 0;
  for (const q of bank.filter((x) => TOPICS_FOR[type].includes(x.topic))) {
    const score = tokenize(q.question).filter((w) => words.has(w)).length;
    if (score > bestScore) {
      best = q;
      bestScore = score;
    }
  }
  return bestScore >= 2 ? best : undefined;
}

/** How a career changer should frame an interview question: toward ML, bridged from their real work, cited. */
export async function frameQuestion(deps: InterviewDeps, inbound: Inbound, question: string): Promise<Reply> {
  const type = questionType(question);
  const retrieval = retrieve(deps.db, `${question} ${GUIDE_QUERY[type]}`, 5);
  const hits = retrieval.hits;
  const member = getMember(deps.db, inbound.memberId);
  const projects = listProjects(deps.db, inbound.memberId);
  const summary = memberSummary(deps.roadmaps, member, doneMilestones(deps.db, inbound.memberId), deps.now());
  const projectLine = projects.length ? `Projects: ${projects.map((p) => p.name).join(', ')}.` : 'Projects: none recorded yet.';
  let notice: string | undefined;
  if (deps.llm) {
    try {
      const chunks = formatExcerpts(hits);
      const completion = await deps.llm.complete({ memberId: inbound.memberId, purpose: 'interview-frame' }, [
        { role: 'system', content: deps.prompts.system },
        {
          role: 'user',
          content: fillTemplate(deps.prompts.interviewFrame, { chunks, member: `${summary}\n${projectLine}`, question }),
        },
      ]);
      const guarded = deps.outputGuard.check(completion.text);
      if (!guarded.meaningful) throw new Error('the model answered with a copy of our instructions');
      const checked = checkCitations(guarded.text, hits);
      if (checked.text) return { ...checked, mode: 'llm', model: completion.model, usage: completion.usage };
      throw new LlmFailure('empty', 'nothing left after the citation check');
    } catch (error) {
      if (error instanceof ModelRateLimited) return { text: error.message, citations: [] };
      deps.log.warn({ err: error instanceof Error ? error.message : String(error) }, 'framing by model failed; answering offline');
      notice = modelFallbackNotice(error);
    }
  }
  const p = member?.profile;
  const facts = [
    question,
    ...Object.entries(p ?? {})
      .filter(([k, v]) => k !== 'track' && v !== null)
      .map(([, v]) => String(v)),
    ...projects.flatMap((x) => [x.name, x.summary ?? '']),
  ];
  const pitfalls = closestQuestion(deps.interviews, question, type)?.avoid ?? [];
  const guides = checkCitations(guideLinesFor(type, composeOfflineAnswer(retrieval.concepts, hits), facts, deps.resumeVocabulary), hits);
  const text = [
    ...(notice ? [notice, ''] : []),
    `Framing "${question}" (${TYPE_LABEL[type]}):`,
    ...ADVICE[type],
    bridgeFor(
      type,
      p,
      projects.map((x) => x.name),
    ),
    ...(pitfalls.length ? [`Avoid: ${pitfalls.join('; ')}.`] : []),
    ...(guides.text ? ['', guides.text] : []),
  ].join('\n');
  return { text, citations: guides.citations, mode: 'offline' };
}
