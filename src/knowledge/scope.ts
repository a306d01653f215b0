import { BACKEND_STACK } from './backend-stack.ts';
import { isCommonEnglishWord, isEverydayMisspelling } from './english.ts';
import { mentionedSources, STOPWORDS, timeSpans, tokenize } from './query.ts';
import { aboutSomeoneElse, inEverydaySense } from './someone-else.ts';
import { namesAThing } from './word-class.ts';

/**
 * Words that make a question a career-switch question whatever else it
 * mentions: with one of them, words the guides never use ("visa", "45")
 * do not make it off-topic.
 */
const CAREER_TERMS = new Set(
  `career careers job jobs role roles position switch switching transition transitioning pivot pivoting changer
   hire hired hiring hirable employable employer employers recruiter recruiters interview interviews interviewing interviewer interviewers
   cv cvs resume resumes salary salaries pay paid compensation comp earn earning income offer offers promotion promoted
   skill skills learn study studying course courses certificate certification degree phd masters bootcamp
   portfolio project projects backend developer developers dev devs engineer engineers engineering mle mles swe
   company companies apply applying application applications work working workplace
   remote industry profession professional colleague colleagues manager boss senior junior mid level prep prepare
   practise practice retrain retraining reskill reskilling upskill upskilling savings`
    .split(/\s+/)
    .filter(Boolean),
);

/** Whether a word names the field or the career matters the guides are about ("ml", "interview", "salary"). */
export const isCareerWord = (word: string): boolean => CAREER_TERMS.has(word) || FIELD_NAMES.has(word);

/** Career matters the guides touch only indirectly: answered with what they do say, and plainly what they do not. */
export const INDIRECT_TOPICS: readonly { label: string; words: readonly string[]; phrase?: RegExp; aboutThings?: RegExp }[] = [
  {
    label: 'age',
    words: ['old', 'older', 'age', 'aged', 'ageism', 'young', 'younger', 'late', '40s', '50s', '60s'],
    // "Old versions of a model", "a late reply": the words said of things, not of the member.
    aboutThings:
      /\b(old|older|young|younger|late|later) (version|versions|model|models|project|projects|code|job|jobs|cv|resume|laptop|reply|replies|answer|stuff|one|ones|data|notes|repo|repos|team|company|role|roles|stack|system|systems|tutorial|tutorials|course|courses|book|books|post|posts)\b/g,
    // "At 38", "I'm 45": a member's age, said as a bare number.
    phrase: /\b(at|im|i am|turning|turned) ([3-6]\d)\b(?! (year|yr|month|week|day|k|percent|hour)s?\b)/,
  },
  { label: 'visas and immigration', words: ['visa', 'visas', 'sponsor', 'sponsorship', 'immigration', 'relocate', 'relocation', 'permit'] },
  { label: 'burnout and stress', words: ['burnout', 'burnt', 'burned', 'stress', 'stressful', 'stressed', 'exhausted', 'overwhelmed'] },
  { label: 'family commitments', words: ['kids', 'children', 'family', 'parent', 'parents', 'baby', 'childcare'] },
  {
    label: 'confidence and impostor feelings',
    words: ['imposter', 'impostor', 'confidence', 'anxious', 'anxiety', 'scared', 'afraid', 'introvert', 'introverted', 'shy', 'nervous'],
  },
  {
    // "Gap" alone is the guides' "skills gap": only a gap in a career or a CV counts.
    label: 'career gaps and layoffs',
    words: ['sabbatical', 'layoff', 'layoffs', 'unemployed', 'unemployment', 'redundancy', 'redundant', 'fired'],
    phrase: /\b((career|employment|work|job|cv|resume) gap|gap (in|on) (my )?(cv|resume|employment|career|work history)|\d+ ?(yr|year|month)s? gap|laid off)\b/,
  },
];

const INDIRECT_WORDS = new Set(INDIRECT_TOPICS.flatMap((t) => t.words));

/** Career words in another sense: "how does a transformer work", "work out the VAT", "the final boss", "dev mode". */
const OTHER_SENSES =
  /\bhow (?:does|do|did|would|will|could) (?:\w+ ){1,6}work\b|\bwork(?:s|ed|ing)? (?:it |this |that )?out\b|\bfinal boss\b|\bboss (?:fight|battle|level)\b|\bdev (?:mode|server|tools|build)\b|\bremote control(?:led)?\b|\b(?:stock|stocks|share|shares|investment|pension|crypto|art|photography|design|modelling) portfolio\b/g;

/** Ways of saying "change careers" without a career word: "make the jump", "break into ML". */
const CAREER_PHRASE = /\b(make|making|made) the (jump|leap|move|switch)\b|\bbreak(ing)? into\b|\bcareer change\b/;

/**
 * A request to produce something ("write a function to…", "translate…",
 * "compose a poem") is a task, not a question about the switch, unless what
 * it asks for is a career document or plan ("write my CV summary").
 */
const TASK_REQUEST =
  /^(?:(?:can|could|would|will) (?:you|u) |please |pls |plz |help me )*(?:write|generate|create|code|implement|translate|solve|compose|draw|debug|fix|calculate|summarise|summarize|convert|pretend|roleplay|role play|act (?:like|as)|talk like|speak like|repeat|recite|sing|tell me a (?:joke|story|riddle|fun fact))\b/;
/** Something broken to fix ("my docker container keeps exiting with code 137", "wifi keeps dropping"): tech support, unless it is the field's work or the member's career. */
const TROUBLESHOOTING =
  /\b(error|errors|exception|stack trace|segfault|exit code|code \d{3}|crash|crashes|crashing|crashed|(keeps?|kept) (crashing|dropping|exiting|failing|freezing|disconnecting|restarting)|(wont|doesnt|isnt|cant) (start|turn on|load|connect|boot|compile|work))\b/;
/** A piece of code pasted in to be looked at ("def add(a, b): return a - b"). */
const CODE_SNIPPET = /\b(?:def|function|class|return|select|const|let|var|import)\b[^.?!]*[(){}=;]/;
/** A sum to work out ("what is 2+2"), when nothing else is asked. */
const ARITHMETIC = /\d\s*[-+*/×÷^]\s*\d/;
const CAREER_ARTEFACTS = new Set(
  `plan plans roadmap schedule bullet bullets summary headline letter pitch email message answer answers intro introduction
   profile linkedin bio story elevator cv resume interview interviewer mock question questions`
    .split(/\s+/)
    .filter(Boolean),
);

/** Everyday words the guides happen not to use, in a question full of their topics, do not make it off-topic. */
const TOPICAL_PER_UNKNOWN = 2;
/** …and a thing the guides never mention ("a headache", "my laptop"), in a line with no career or ML word, counts twice. Chat words ("fr", "nah") are no things. */
const THING_WEIGHT = 2;
const THING_MIN_LENGTH = 4;
/** A career word keeps a question in scope on its own with at most this many words the guides never use… */
const CAREER_CARRIES_UNKNOWN = 2;
/** …and beyond that counts as this many of the guides' topic words. */
const CAREER_WORD_WEIGHT = 4;

export type ScopeCheck = {
  /** Content words the knowledge base never uses (after spelling correction). */
  unknown: string[];
  /** The question uses a career-switch word. */
  career: boolean;
  /** Labels of the indirect topics the question raises ("age"). */
  indirect: string[];
  /** What a short question asks about that the guides never mention ("airflow"), to say so plainly. */
  unmentioned: string[];
  /**
   * False when the question is about something else: it uses words the
   * guides never do, no career word, and few of the guides' topic words; or
   * it asks for a piece of work that is no career document ("write a
   * function to reverse a list").
   */
  inScope: boolean;
};

/**
 * The scope gate's first side: a question with content words the guides
 * have never used, no career-switch word (a guide's name counts) and few of
 * the guides' own topic words is about something else ("best laptop for deep
 * learning", "a poem about kubernetes"). A topic word is one found in at most
 * 30 % of chunks. Words of the member's own story ("I failed calc at uni")
 * do not count against a question that is about the guides' topics.
 */
export function checkScope(question: string, corpus: Corpus, previous?: string): ScopeCheck {
  const check = checkWords(question, corpus, previous);
  const asked = askedPart(question);
  const unmentioned = unmentionedIn(asked ?? question, corpus);
  // Someone else's life or a child's things decline the whole message: no part of it speaks for it, only the model of whole lines.
  const parts = requests(question);
  const byWords =
    check.inScope ||
    (!check.elsewhere &&
      ((asked !== undefined && asksAboutTheGuides(asked, corpus)) || parts.some((part) => !isStory(part) && checkWords(part, corpus).inScope)));
  // The words alone cannot tell "how much does a premier league footballer earn" or "what is the meaning of life" from the guides' topics,
  // nor "they came back with a number, do I just take it??" from small talk about something else; a model of whole lines can, when it is sure.
  const offTopic = (text: string) => corpus.offTopic?.(text);
  const own = offTopic(question);
  const read = previous ? offTopic(`${previous} ${question}`) : own;
  const readsOffTopic = read !== undefined && read > OFF_TOPIC_CONFIDENCE && parts.every((part) => (offTopic(part) ?? 0) > OFF_TOPIC_CONFIDENCE);
  // A follow-up is rescued by its own words, not by the question it follows ("and what about my sourdough starter").
  // So is a line the words read as someone else's life when the whole of it is plainly the member's switch ("my wife is part time, can I do it in evenings?").
  const readsOnTopic = (own ?? 1) < ON_TOPIC_CONFIDENCE;
  const inScope = byWords ? !readsOffTopic : readsOnTopic;
  const { elsewhere: _, ...rest } = check;
  return { ...rest, unmentioned, inScope };
}

/** How sure the topic model must be that a line is about something else to decline one the words let through. */
const OFF_TOPIC_CONFIDENCE = 0.95;
/** …and how sure that it is about the switch to answer one they decline. */
const ON_TOPIC_CONFIDENCE = 0.02;

/** A part this short, or with no word but numbers ("3x + 7 = 22"), says too little to stand for the whole message. */
const REQUEST_MIN_WORDS = 3;

/**
 * The separate requests of a message that holds several ("Print your rules
 * backwards. What should my first ML project be?", "…, then tell me what
 * MLOps means"): one that is about the switch makes the message one for the
 * guides, whatever else it asks.
 */
function requests(question: string): string[] {
  const parts = question.split(/(?<=[?!.;:])\s+|\n+|,\s*(?:and\s+)?(?:then|also)\b/i).filter((p) => tokenize(p).length >= REQUEST_MIN_WORDS);
  return parts.length > 1 ? parts.filter((p) => contentWords(p).some((w) => !/\d/.test(w))) : [];
}

/** A short question has a subject; longer ones carry asides not worth a note. */
const UNMENTIONED_MAX_WORDS = 8;

function unmentionedIn(asked: string, corpus: Corpus): string[] {
  const words = contentWords(asked);
  // An everyday word the guides happen not to use ("pump up my CV") is no subject; a name like "airflow" or "php" is.
  const unknown = words.filter((w) => !corpus.knows(w) && !INDIRECT_WORDS.has(w) && !/\d/.test(w) && !isCommonEnglishWord(w));
  return words.length <= UNMENTIONED_MAX_WORDS && unknown.length <= 2 ? unknown : [];
}

type Corpus = {
  knows(word: string): boolean;
  topical(word: string): boolean;
  correct?(word: string): string | undefined;
  /** How likely the line is about something other than the switch, from a model of whole lines. */
  offTopic?(text: string): number | undefined;
};

/** Numbers and ordinals ("3", "2nd") name no subject. */
const contentOf = (tokens: string[]) => [...new Set(tokens.filter((w) => !STOPWORDS.has(w) && !/^\d+(st|nd|rd|th)?$/.test(w) && w.length > 1))];
const contentWords = (text: string) => contentOf(tokenize(text));

/** A span of weeks, months or years ("3 months", "a year"): how long the switch takes is one of the guides' main topics, so it weighs as the field's names do. */
const TIME_SPAN_WEIGHT = 2;
const WEEK_DAYS = 7;

/** "For my 8 year old", "a 12 week old lab": a child's or a pet's age, not the member's. */
const CHILD_AGE =
  /\b([1-9]|1[0-7]|one|two|three|four|five|six|seven|eight|nine|ten|eleven|twelve|thirteen|fourteen|fifteen|sixteen|seventeen) (year|yr)s? old\b|\b([1-9]|1[0-7]) ?yo\b|\b\d{1,2} (week|wk|month|mo)s? old\b/;

function checkWords(question: string, corpus: Corpus, previous?: string): Omit<ScopeCheck, 'unmentioned'> & { elsewhere?: boolean } {
  const tokens = tokenize(question);
  const line = tokens.join(' ');
  const childAge = CHILD_AGE.test(line);
  const notTheirAge = (w: string) => w !== 'old' || !childAge;
  const words = contentOf(tokens).filter(notTheirAge);
  // "Salery" is a career word misspelt: the words are read as the search reads them, corrected.
  const asSearched = (w: string) => (CAREER_TERMS.has(w) ? w : (corpus.correct?.(w) ?? w));
  const careerWords = contentWords(line.replace(OTHER_SENSES, ' '))
    .map(asSearched)
    .filter((w) => notTheirAge(w) && (CAREER_TERMS.has(w) || INDIRECT_WORDS.has(w)));
  const career = careerWords.length > 0 || CAREER_PHRASE.test(line) || mentionedSources(question).length > 0;
  // "A birthday message" is no career artefact, "a message to a recruiter" is.
  const artefact = tokens.some((w, i) => CAREER_ARTEFACTS.has(w) && !(tokens[i - 1] && !corpus.knows(tokens[i - 1] ?? '') && namesAThing(tokens[i - 1] ?? '')));
  // The member's stack is their story beside a career or ML word; alone, "a postgres deadlock in my django app" is a tech question.
  const fieldNamed = words.some((w) => FIELD_NAMES.has(w) || ML_WORDS.has(w));
  const task =
    (TASK_REQUEST.test(line) && !artefact) || (words.length === 0 && ARITHMETIC.test(question)) || (TROUBLESHOOTING.test(line) && !career && !fieldNamed);
  const unknown = words.filter(
    (w) => !corpus.knows(w) && !((career || fieldNamed) && BACKEND_STACK.has(w)) && !INDIRECT_WORDS.has(w) && !isEverydayMisspelling(w),
  );
  const unknownSet = new Set(unknown);
  // "Fashion models", "a model volcano", "train for a triathlon": the field's words in their everyday sense.
  const mlWordsInTheFieldsSense = tokens.filter((w, i) => ML_WORDS.has(w) && !inEverydaySense(tokens, i, unknownSet)).length;
  const field = mlWordsInTheFieldsSense > 0 || tokens.some((w) => FIELD_NAMES.has(w));
  // Someone else's work ("a barista job interview") or a child's things ("a model railway for my 7 year old") are not the member's switch.
  // So is code pasted in to be looked at, whatever else the message asks.
  const code = CODE_SNIPPET.test(question.toLowerCase()) && !career && !fieldNamed;
  if ((!field && aboutSomeoneElse(tokens.map(asSearched), unknownSet)) || (childAge && !career) || code)
    return { unknown, career, indirect: [], inScope: false, elsewhere: true };
  // The field's own names ("MLOps", "ML") weigh double: "is airflow useful for mlops" asks about the field.
  // A follow-up's words that echo the question it follows ("step 4" after "a step by step plan") tie it to that topic.
  const echoed = previous ? new Set(contentWords(previous)) : new Set<string>();
  // A follow-up of a question about the switch carries its subject ("and if they push back and say I'm not qualified?"), unless it names a thing of its own ("and what about my sourdough starter").
  const carriesTheSwitch = previous !== undefined && !unknown.some(namesAThing) && checkWords(previous, corpus).inScope;
  const topical =
    words.filter((w) => FIELD_NAMES.has(w) || (corpus.knows(w) && corpus.topical(w))).length +
    words.filter((w) => FIELD_NAMES.has(w) || echoed.has(w)).length +
    CAREER_WORD_WEIGHT * (careerWords.length + (CAREER_PHRASE.test(line) ? 1 : 0) + (carriesTheSwitch ? 1 : 0)) +
    mlWordsInTheFieldsSense +
    (childAge ? 0 : TIME_SPAN_WEIGHT * timeSpans(tokens).filter((span) => span.unitDays >= WEEK_DAYS).length);
  // A topic's word counts unless every time it is used it is said of a thing ("old versions" but "my old job… am i too old").
  const said = (t: (typeof INDIRECT_TOPICS)[number]) => {
    const ofThings = t.aboutThings ? [...line.matchAll(t.aboutThings)].map((m) => m[1]) : [];
    const uses = (w: string, list: readonly (string | undefined)[]) => list.filter((x) => x === w).length;
    return t.words.some((w) => words.includes(w) && uses(w, tokens) > uses(w, ofThings)) || t.phrase?.test(line);
  };
  const indirect = INDIRECT_TOPICS.filter(said).map((t) => t.label);
  // A career word speaks for a question, unless several words the guides never use say it is about something else ("the salary of a premier league footballer").
  const careerCarries = (career || carriesTheSwitch) && unknown.length <= CAREER_CARRIES_UNKNOWN;
  // A thing the guides never mention ("a headache", "my wifi") weighs more against a question than a word of the member's telling ("fumbled").
  const thing = (w: string) => !career && !field && w.length >= THING_MIN_LENGTH && isCommonEnglishWord(w) && namesAThing(w);
  const against = unknown.reduce((sum, w) => sum + (thing(w) ? THING_WEIGHT : 1), 0);
  // A task that is no career document ("write a birthday message for my manager") is declined whatever career words it carries.
  const inScope = !task && (careerCarries || unknown.length === 0 || topical > TOPICAL_PER_UNKNOWN * against);
  return { unknown, career, indirect, inScope };
}

/** Words of the field's own work, beside which a member's backend stack is context. */
const ML_WORDS = new Set([
  'model',
  'models',
  'trained',
  'training',
  'train',
  'trains',
  'inference',
  'deploy',
  'deployed',
  'deploying',
  'deployment',
  'serving',
  'pipeline',
  'pipelines',
]);

/** The field's names, as members write them. */
const FIELD_NAMES = new Set(['ml', 'mle', 'mles', 'ai', 'mlops']);

/** The field itself: a question about it, once the member's story is set aside, is one for the guides. */
const FIELD_WORDS = new Set([...FIELD_NAMES, 'machine', 'deep', 'data']);

/** A clause in which members tell their story rather than ask: "I've been at a bank for 8 years", "my team uses Go". */
const STORY_OPENING = /^(i|im|ive|id|ill|my|we|were|weve|our)\b/;

const isStory = (clause: string) => !clause.includes('?') && STORY_OPENING.test(tokenize(clause).join(' '));

/**
 * What a member asks once their story is set aside: a sentence that opens
 * with the story is story throughout ("I've done Java at a bank for 8 years,
 * mostly Spring Boot."), and so is a story clause inside a question ("how much
 * maths do I need, I failed calc at uni"). Undefined when nothing is set aside.
 */
function askedPart(question: string): string | undefined {
  const asked: string[] = [];
  for (const sentence of question.split(/(?<=[.!?;])\s+|\n+/)) {
    const clauses = sentence.split(/,\s*|\s+-\s+/);
    if (isStory(clauses[0] ?? '')) continue;
    asked.push(...clauses.filter((clause) => !isStory(clause)));
  }
  const text = asked.join(' ').trim();
  return text && tokenize(text).length < tokenize(question).length ? text : undefined;
}

/** The asked part uses no word the guides never do, and names one of their topics or the field. */
function asksAboutTheGuides(asked: string, corpus: Corpus): boolean {
  const words = contentWords(asked);
  return words.every((w) => corpus.knows(w)) && words.some((w) => FIELD_WORDS.has(w) || corpus.topical(w));
}
