import { eq } from 'drizzle-orm';
import type { Db } from '../db/client.ts';
import { preparedPerDatabase } from '../db/prepared.ts';
import { knowledgeChunks, knowledgeState } from '../db/schema.ts';
import { type AskIndex, type AskWords, askWords, buildAskIndex } from './ask-match.ts';
import { type CardModel, trainCardModel } from './card-model.ts';
import { isCommonEnglishWord } from './english.ts';
import { SCOPE_EXAMPLES_KEY } from './index-store.ts';
import { buildVocabulary, lightStem, matchExpression, tokenize } from './query.ts';
import { type ScopeExample, SMALL_TALK_KINDS, type TalkLabel } from './scope-examples.ts';
import { type SmallTalkModel, type SmallTalkReading, trainSmallTalkModel } from './small-talk-model.ts';
import { correctionsFor } from './spelling.ts';
import { type TopicExample, type TopicModel, trainTopicModel } from './topic-model.ts';

/** Field weights for bm25(): chunk_id (unindexed), title, asks, tags, body. */
const BM25_WEIGHTS = [0, 4, 1, 2, 1] as const;
/** Distinct terms whose matches are kept in memory; members reuse the same few hundred words. */
const TERM_CACHE_LIMIT = 5000;

export type IndexedChunk = { id: string; title: string; sources: string[]; tags: string[]; asks: string[]; body: string; askWords: AskWords[] };
export type TermMatch = { id: string; score: number };

/**
 * What searches read from one built index: the chunks, the vocabulary and a
 * cache of per-term BM25 matches. The index only changes when its content
 * hash does, so all of it is computed once per hash and reused.
 */
export type IndexSnapshot = {
  hash: string;
  chunkCount: number;
  chunks: ReadonlyMap<string, IndexedChunk>;
  /** The knowledge base's word closest to a misspelt one, if any (memoised: scanning the vocabulary is slow). */
  correct(word: string): string | undefined;
  /** Whether the knowledge base uses the word (or a form or likely spelling of it). */
  knows(word: string): boolean;
  /** Whether the word (or its likely spelling) is a topic word: found, but in at most 30 % of chunks. */
  topical(word: string): boolean;
  /** Whether every word of the term appears in some card's title or tags: the words the cards are about. */
  namesTopic(term: string): boolean;
  /** Whether two words appear side by side in some card's title or a tag (compared by their stems). */
  namesTopicPair(pair: string): boolean;
  matchesOf(term: string): TermMatch[];
  /** The cards' asks, for finding those worded almost as the member wrote. */
  asks: AskIndex;
  /** How likely a line is about something other than the switch (0 to 1); undefined when the knowledge folder has no scope examples. */
  offTopic(text: string): number | undefined;
  /** Which cards a line reads like, from their titles, tags and asks. */
  cards: CardModel;
  /** How much a line reads as chatter and of which kind; undefined when the knowledge folder has no chatter examples. */
  smallTalk(text: string): SmallTalkReading | undefined;
};

const snapshots = new WeakMap<Db, IndexSnapshot>();

/** Read on every question, so prepared once per database. */
const storedHash = preparedPerDatabase((db) =>
  db.select({ value: knowledgeState.value }).from(knowledgeState).where(eq(knowledgeState.key, 'content_hash')).prepare(),
);

export function indexSnapshot(db: Db): IndexSnapshot {
  const hash = storedHash(db).get()?.value ?? '';
  const cached = snapshots.get(db);
  if (cached?.hash === hash) return cached;
  const snapshot = buildSnapshot(db, hash);
  snapshots.set(db, snapshot);
  return snapshot;
}

/**
 * The words a misspelling is corrected to: those of the cards' titles, tags
 * and bodies and of the synonym table, and the everyday English words of the
 * asks. Asks carry members' typos on purpose ("intervew"); a typo must not
 * become a word the search stops correcting.
 */
function spellingVocabulary(rows: readonly { title: string; tags: string[]; body: string; asks: string[] }[]): Set<string> {
  const words = buildVocabulary(rows.map((r) => `${r.title} ${r.tags} ${r.body}`));
  for (const r of rows) for (const word of r.asks.flatMap((ask) => tokenize(ask))) if (!words.has(word) && isCommonEnglishWord(word)) words.add(word);
  return words;
}

const storedScopeExamples = preparedPerDatabase((db) =>
  db.select({ value: knowledgeState.value }).from(knowledgeState).where(eq(knowledgeState.key, SCOPE_EXAMPLES_KEY)).prepare(),
);

/** The lines in members' words stored with the index: about the switch or not, some naming their card. */
function storedExamples(db: Db): ScopeExample[] {
  const stored = storedScopeExamples(db).get()?.value;
  return stored ? JSON.parse(stored) : [];
}

/**
 * The topic model, counted from the scope examples and every card's title and
 * asks as lines about the switch, when the snapshot is built (a tenth of a
 * second). Built lazily inside the first answer instead, its garbage landed
 * amid the answers' own and the bot's peak memory grew by about 30 MB.
 * Without off-topic examples there is nothing to tell apart: no model.
 */
function topicModelOf(examples: readonly ScopeExample[], rows: readonly { title: string; asks: string[] }[]): TopicModel | undefined {
  const topic = examples.filter((e): e is TopicExample => e.inScope !== undefined);
  if (!topic.some((e) => !e.inScope)) return undefined;
  return trainTopicModel([...topic, ...rows.flatMap((r) => [r.title, ...r.asks].map((text) => ({ text, inScope: true })))]);
}

/**
 * The small-talk model: the chatter examples by kind, and as questions the
 * chatter-like questions with every line about the switch or not and every
 * card's title and asks. Without chatter examples: no model.
 */
function smallTalkModelOf(examples: readonly ScopeExample[], rows: readonly { title: string; asks: string[] }[]): SmallTalkModel | undefined {
  if (!examples.some((e) => e.talk && e.talk !== 'question')) return undefined;
  const lines = new Map<TalkLabel, string[]>([...SMALL_TALK_KINDS, 'question' as const].map((label) => [label, []]));
  for (const e of examples) lines.get(e.talk ?? 'question')?.push(e.text);
  lines.get('question')?.push(...rows.flatMap((r) => [r.title, ...r.asks]));
  return trainSmallTalkModel(lines);
}

/** The card model, from each card's title, tags and asks and the stored questions that name it. */
function cardModelOf(
  examples: readonly ScopeExample[],
  rows: readonly { id: string; title: string; tags: string[]; asks: string[] }[],
  correct: (word: string) => string | undefined,
): CardModel {
  const more = new Map<string, string[]>();
  for (const e of examples) {
    if (!e.card) continue;
    const lines = more.get(e.card) ?? [];
    lines.push(e.text);
    more.set(e.card, lines);
  }
  return trainCardModel(
    rows.map((r) => ({ id: r.id, lines: [r.title, r.tags.join(' '), ...r.asks, ...(more.get(r.id) ?? [])] })),
    correct,
  );
}

function buildSnapshot(db: Db, hash: string): IndexSnapshot {
  const { id, title, sources, tags, asks, body } = knowledgeChunks;
  const rows = db.select({ id, title, sources, tags, asks, body }).from(knowledgeChunks).all();

  // Raw SQL: FTS5's MATCH and bm25() with field weights have no drizzle builder.
  const termQuery = db.$client.prepare(
    `SELECT chunk_id AS id, -bm25(knowledge_fts, ${BM25_WEIGHTS.join(', ')}) AS score
       FROM knowledge_fts WHERE knowledge_fts MATCH ?`,
  );
  const termCache = new Map<string, TermMatch[]>();
  const vocabulary = buildVocabulary(rows.map((r) => `${r.title} ${r.asks} ${r.tags} ${r.body}`));
  const spelling = spellingVocabulary(rows);
  const corrections = new Map<string, string | undefined>();
  const correct = (word: string): string | undefined => {
    if (spelling.has(word)) return undefined;
    if (corrections.has(word)) return corrections.get(word);
    const found = isCommonEnglishWord(word) ? undefined : correctionsFor(word, spelling)[0];
    if (corrections.size >= TERM_CACHE_LIMIT) corrections.clear();
    corrections.set(word, found);
    return found;
  };
  // Asks are matched as the member's words are: corrected, so an ask written "intervew" meets "interview".
  const chunks = new Map(rows.map((r) => [r.id, { ...r, askWords: r.asks.map((ask) => askWords(ask, correct)) }]));
  const examples = storedExamples(db);
  const cardModel = cardModelOf(examples, rows, correct);
  const stems = new Set([...vocabulary].map(lightStem));
  const headStems = new Set(rows.flatMap((r) => tokenize(`${r.title} ${r.tags}`)).map(lightStem));
  const headPairs = new Set(
    rows
      .flatMap((r) => [r.title, ...r.tags])
      .flatMap((head) => {
        const stems = tokenize(head).map(lightStem);
        return stems.slice(1).map((stem, i) => `${stems[i]} ${stem}`);
      }),
  );
  const topicModel = topicModelOf(examples, rows);
  const smallTalkModel = smallTalkModelOf(examples, rows);
  return {
    hash,
    chunkCount: chunks.size,
    offTopic: (text) => topicModel?.offTopic(text),
    cards: cardModel,
    smallTalk: (text) => smallTalkModel?.read(text),
    chunks,
    asks: buildAskIndex(chunks.values()),
    correct,
    knows(word) {
      return vocabulary.has(word) || stems.has(lightStem(word)) || this.correct(word) !== undefined;
    },
    topical(word) {
      // A spelling correction is a guess: it helps find chunks, not prove the topic.
      const found = vocabulary.has(word) || stems.has(lightStem(word)) ? this.matchesOf(word).length : 0;
      return found > 0 && found <= chunks.size * 0.3;
    },
    namesTopic(term) {
      return tokenize(term).every((w) => headStems.has(lightStem(w)));
    },
    namesTopicPair(pair) {
      return headPairs.has(tokenize(pair).map(lightStem).join(' '));
    },
    matchesOf(term) {
      const hit = termCache.get(term);
      if (hit) return hit;
      // The card's own id string, not SQLite's fresh copy of it: cached matches then cost only their scores.
      const matches = (termQuery.all(matchExpression(term)) as TermMatch[]).map((m) => ({ id: chunks.get(m.id)?.id ?? m.id, score: m.score }));
      if (termCache.size >= TERM_CACHE_LIMIT) termCache.clear();
      termCache.set(term, matches);
      return matches;
    },
  };
}
