import { isCommonEnglishWord } from '../knowledge/english.ts';
import { normalizeText } from '../knowledge/query.ts';
import { isCareerWord } from '../knowledge/scope.ts';
import type { SmallTalkKind } from '../knowledge/scope-examples.ts';
import type { SmallTalkReading } from '../knowledge/small-talk-model.ts';
import { editDistance } from '../knowledge/spelling.ts';

/** Greetings, thanks, goodbyes and questions about the coach itself: answered in character, without the guides. */
export type { SmallTalkKind };

/** What small talk is read with: which words are the guides' topics, and the small-talk model when the knowledge has one. */
export type SmallTalkReader = {
  namesTopic(word: string): boolean;
  smallTalk?(text: string): SmallTalkReading | undefined;
};

const EXAMPLES = '"How long does the switch take?" or "How long should my CV be?"';

export const SMALL_TALK_REPLIES: Record<SmallTalkKind, string> = {
  greeting: `Hi! I'm Pivot, a career coach for backend developers moving into ML engineering. Ask me anything about the switch, for example ${EXAMPLES}.`,
  thanks: "You're welcome, and thanks for saying so! Ask me another question whenever you like, or try /interview to practise an interview question.",
  goodbye: 'Bye for now, and good luck with the switch! I am here whenever the next question comes up.',
  identity: "I'm Pivot, a career coach for backend developers becoming ML engineers. I answer from five career guides and cite the one each answer comes from.",
  abilities: `I answer questions about moving from backend work into ML engineering, from five career guides with sources: timelines, skills, salaries, roles, projects, CVs and interviews. Try ${EXAMPLES}; /help lists every command, such as /interview for practice questions.`,
  privacy:
    'What you post in a shared channel, everyone in it can read; DM me to keep a question to yourself. Mentors read your conversations only if you turn that on, and it is off by default: /privacy shows what I store and who has read it, /export sends you all of it and /forget erases it.',
  acknowledgement: 'Glad that helps. Ask me the next question whenever you are ready, or try /plan to see where you stand on your roadmap.',
  mood: 'Sounds like a long one, and rest counts too. Whenever you have the energy, ask me anything about the switch, or try /plan to see the next small step on your roadmap.',
  'never-mind': 'No problem at all. Ask me whatever you like about moving into ML engineering whenever you are ready.',
  criticism:
    'Sorry that missed the mark. Tell me in a few more words what you were after and I will try again; I answer only from the guides, and I say so when they do not cover something.',
  wellbeing: `Doing well, thanks for asking! What would you like to know about moving into ML engineering? For example ${EXAMPLES}.`,
};

/**
 * Words that carry no question of their own: pronouns, fillers and warm words
 * ("thanks, that's super helpful!", "ok that's all for today"). A line of small
 * talk may hold any of these around its small-talk words.
 */
const FILLER = new Set(
  `a again all also am an and any anyway are as at be been but by coach day did do does dude earlier every everyone
   everybody everything exactly folks for friend friends from guys here i im it its just lot lots loads heaps ton tons
   bunch mate man bro much now one pivot really right so that thats the them then there theres this very well with you
   your youre u ur r ya yall indeed buddy pal team was is were sir answer answers reply replies info help advice today
   tonight yesterday have has had got makes sense sounds noted understood clear amigo guy going kindly please pls
   plz too quite truly absolutely totally definitely dear actually genuinely super what whats how hows me my mine of on in to up out some
   something stuff things thing s ll ve d re m should can could would will may might shall tell quick small little need
   needed want wanted more other tbh honestly imo ngl tomorrow soon tmrw tmr wait hold on real or partner bud fam homie
   chief m8 pretty kinda gud spamming spam spammed for let lemme go gotta needful o x xx xoxo innit bit god why like soo bru ag`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Single words that mark a kind of small talk wherever they sit in a short
 * line whose other words are filler ("thanks a ton", "r u a bot", "i'm new
 * here"). Checked after the phrases below, in the same order of kinds.
 */
const SIGNAL_WORDS: [SmallTalkKind, string][] = [
  [
    'criticism',
    'useless unhelpful terrible awful suck sucks stupid dumb rubbish trash meh bad slow misunderstood misunderstand misread irrelevant generic vague depressing',
  ],
  ['abilities', 'commands command features feature capabilities capable able usage instructions ask question questions use remember memory'],
  ['wellbeing', 'life doing'],
  ['privacy', 'private privacy confidential'],
  ['identity', 'who yourself introduce intro bot ai human robot chatgpt gpt claude name person creator made built created developer runs owns maintains'],
  [
    'thanks',
    'thank thanks thx ty tysm goated splendid appreciate appreciated grateful obliged cheers ta kudos star legend lifesaver hero helped helps decent impressive impressed handy smart clever bless',
  ],
  [
    'never-mind',
    'soz typo sorry apologies apologise apologize oops oopsie whoops nvm mistake ignore figured channel accident accidentally no nope nah tangent',
  ],
  [
    'goodbye',
    'bye byebye goodbye peace tschuss later laters cya ciao night nite goodnight goodnite gnite gn ttyl tomorrow tmrw farewell adios leaving off done finished logging signing brb afk',
  ],
  [
    'greeting',
    'hi hey hello hiya heya howdy howzit wagwan yo sup greetings gm morning goodmorning evening afternoon welcome new back merry christmas xmas holidays anyone awake online ping test testing',
  ],
  ['mood', 'tired exhausted knackered shattered drained sleepy stressed frazzled grumpy cranky bored'],
  [
    'acknowledgement',
    'ok okay k kk cool nice great awesome perfect hmm hm hmmm ahh ahhh oh ohh gg wow omg lol lmao rofl haha hehe fab fabulous brilliant sweet neat dope alright yes yeah yep yup yea fine interesting agreed gotcha noice helpful useful wonderful amazing lovely fantastic super excellent good damn dang oof yikes bet w say less strewth blimey crikey whoa woah ugh aha phew welp wild crazy insane sheesh jeez geez bruh facts true mood same rip lot hell heck gosh bloody jaja jajaja mdr xd kek ayy ayyy lets shame',
  ],
];

/** Thanks, greetings and goodbyes in other scripts, which the phrase patterns' word boundaries cannot see. */
const OTHER_SCRIPTS: [SmallTalkKind, string][] = [
  ['thanks', '谢谢 谢谢你 谢谢您 多谢 感谢 ありがとう ありがとうございます 감사합니다 고마워 고마워요 спасибо благодарю شكرا धन्यवाद शुक्रिया תודה ευχαριστώ'],
  ['greeting', '你好 您好 大家好 こんにちは おはよう 안녕하세요 привет здравствуйте مرحبا السلام नमस्ते שלום γεια'],
  ['goodbye', '再见 拜拜 さようなら またね 안녕히 пока до свидания'],
];

const SIGNAL_KIND = new Map<string, SmallTalkKind>();
for (const [kind, words] of OTHER_SCRIPTS) for (const word of words.split(/\s+/)) SIGNAL_KIND.set(word, kind);
for (const [kind, words] of SIGNAL_WORDS) for (const word of words.split(/\s+/)) if (!SIGNAL_KIND.has(word)) SIGNAL_KIND.set(word, kind);
const KIND_ORDER: SmallTalkKind[] = SIGNAL_WORDS.map(([kind]) => kind);

/**
 * Small-talk phrases by kind, tried anywhere in the line and taken out in
 * this order, so "what are you able to do" asks what the coach can do. The
 * reply follows the first kind in `KIND_ORDER` that the line's phrases or
 * signal words use ("hi, who are you?" is about the coach, "ok thanks bye" is
 * thanks).
 */
const PATTERNS: [SmallTalkKind, RegExp][] = [
  [
    'abilities',
    /\b(what can (you|u) do|what (you|u) can do|what (topics|things|stuff|questions|subjects|areas) (can|do) (you|u)( help( me)?)?( with| cover| answer| know( about)?)?|what do (you|u) do|how can (you|u) help( me)?|what can (you|u) help (me )?with|can (you|u) help( me)?|what can i ask( you| u)?|how does this work|what are (you|u) for|what are (you|u) able to do|what do (you|u) know( about)?|(can|do) (you|u) (speak|understand|talk in|reply in) [a-z]+|(is|are) (this|it|pivot|(this|the) bot|(you|u)) free( to use)?|(how much|what) does (this|it|pivot) cost|(do|can|will|did) (you|u) (remember|recall)( what i (asked|said|told (you|u))| what we (talked|spoke|chatted) about| me| our (chat|conversation|conversations)| my (question|questions))?( yesterday| earlier| before| last (time|week|night))?|do i (have to|need to) pay( for (it|this))?( at some point)?|help( me)?)\b/g,
  ],
  [
    'criticism',
    /\b(thats wrong|that is wrong|(that|this|the|your) (answer|reply|response) (was|is) (way |far |much )?(too|so) (long|short|vague|generic|wordy)|(you|u) (already )?(said|told me) (that|this)( already| before)?|(your|ur) (replies|answers|responses) (are )?(so|too|really|very|way too) (long|short|wordy|vague)|(you are|youre|ur|u r) wrong|wrong answer|(way |far |much )?too long,? (didnt|did not|didn t) read|tldr|tl dr|(not|wasnt|isnt|werent|arent|was not|is not) (very |that |really |super |particularly |much |of much )?(helpful|useful|use|help|relevant|correct|right|good|great)|(doesnt|didnt|does not|did not) (help|(answer|address) (my|the) (question|query)|answer (it|that|this))|(not|wasnt|isnt|was not|is not) (really |quite |exactly )?what i (was looking for|asked( for)?|meant|wanted|needed)|(you|u) (said|told me) (something|sth|smth) (different|else)|(you|u) (suck|are useless|are bad)|bad bot)\b/g,
  ],
  [
    'wellbeing',
    /\b(how are (you|u)|how are (you|u) doing|how r u|how ru|howre you|hows it going|how is it going|how (you|ya) doing|you ok|how are things|hows your day|hows things|hows life|how is life|whats new with (you|u)|what are (you|u) up to|hows (ur|your) day( going)?|how was (ur|your) day|are (you|u) ok|(you|u) good)\b/g,
  ],
  [
    'privacy',
    /\b((do|does|will|can) (you|u|pivot|anyone|a human|someone|people|humans) (store|save|keep|log|read|see) (my|these|the|our|your) (messages|msgs|chats?|questions|data|convos?|conversations?)|(is|are) (this|it|this (convo|chat|conversation|dm)|what i (type|write|say|ask)( here)?|my (chats?|questions|messages|data)) (private|confidential|secret|stored|saved|logged)|(can|will|does|do|could) (my )?(boss|manager|employer|mentor|mentors|anyone|others|other (people|ppl|members|users)|people|ppl|everyone|admins|mods)( (in|on) (the|this) (server|channel|discord|chat))? (see|read)( (it|this|that|them|my (chats?|questions|messages)|what i (type|write|say|ask)))?( here)?|who can (see|read) (this|it|my (chats?|questions|messages)|what i (type|write|say|ask)))\b/g,
  ],
  [
    'identity',
    /\b(who are (you|u)|what are (you|u)|who is this|who am i talking to|what is pivot|whats pivot|who (made|built|created|wrote) (you|u)|are (you|u) (a |an )?(bot|human|ai|real|person|robot|chatgpt|gpt)|is this a bot|whats your name|what is your name|what is this bot|whats this bot|what is this( bot| thing| place)?|whats this( thing| place)?|tell me about (yourself|you)|who (are|r) (you|u)|are (you|u) alive|(you|u) alive|(do|can) (you|u) (have|feel|experience) (feelings|emotions|anything)|(are|r) (you|u) (sentient|conscious|self aware)|(can|could) i (talk|speak|chat) (to|with) (a |an )?(human|person|real person|mentor|someone real)( instead)?|whats your (purpose|job|deal)|what is your purpose|(what|which) (model|llm|ai) are (you|u)( using| running| based| built)?( on)?|how do (you|u) work|where do (your|ur) (answers|replies|info|information) come from)\b/g,
  ],
  [
    'thanks',
    /\b(thanks|thank you|thank u|thankyou|thx|thnx|thanx|ty|tysm|cheers|ta|appreciate it|much appreciated|many thanks|merci|danke|gracias|grazie|obrigado|obrigada|arigatou|arigato|dhanyavaad|dhanyavad|shukriya|xiexie|shot bru|(you|u) (beauty|gem|star)|splendid|well put|dankie|bedankt|tack|takk|kiitos|spasibo|shukran|asante|good bot|you rock|u rock|youre the best|you are the best|love it|love this|legend|lifesaver|life saver|good job|great job|well done|nice one|nice work|bravo|kudos|(that|this|you|it) helped|(you|u) saved (me|my (life|day|bacon))|that was helpful|this is helpful|so helpful|(you are|youre|ur|u r|you have been|youve been) (actually |really |so |very |super |genuinely |truly |pretty |quite |kinda )*(awesome|amazing|great|the best|a star|brilliant|a legend|a lifesaver|a hero|helpful|useful|smart|clever|good at this)|love (you|u|this|it)|10 10( would (ask|use|recommend) again)?|(best|greatest|goat) bot( (in|on) (the|this) (server|discord|chat))?|(you are|youre|ur|u r) (\w+ )?(better|smarter|nicer|more helpful|more useful) than( \w+){0,3})\b/g,
  ],
  [
    'mood',
    /\b((long|rough|tough|bad|busy|hard|crazy|hectic|stressful|exhausting) (day|week|night|shift|morning|one)|what a (day|week)|mondays|feeling (kinda |a bit |so |pretty |really )?(low|down|meh|rough|flat)|cant sleep|so done with (today|this week))\b/g,
  ],
  [
    'never-mind',
    /\b((late|slow|delayed) (reply|response)|(was|got|been|am|im) (stuck|busy|tied up)( (at|with) work)?|sorry|my bad|nvm|never mind|nevermind|no worries|no problem|np|all good|forget it|wrong (channel|chat|thread|window|bot)|(didnt|did not) mean to (send|post|type|write) (that|this)|(pressed|hit|sent|pushed) (enter|send|it) (too )?(early|soon|by mistake))\b/g,
  ],
  [
    'goodbye',
    /\b(bye|goodbye|good bye|bye bye|be right back|back in a (bit|sec|second|minute|min)|gotta dash|see (you|u|ya)( later| soon| tomorrow| around)?|cya|later|laters|catch you later|good night|goodnight|night|ttyl|take care|gotta go|gtg|catch (you|u|ya)( later| tomorrow| soon| around)?|talk (to (you|u) )?(later|soon|tomorrow|tmrw|tmr)|signing off|have a (nice|good|great|lovely) (day|evening|weekend|one|night)|enjoy (ur|your|the) (day|evening|weekend|night|holiday|holidays|break|monday|tuesday|wednesday|thursday|friday|saturday|sunday)|gotta run|im done|done for (today|now|the day|tonight)|thats all( for (now|today))?|thats it for (now|today)|im off|off to bed|no (more |other |further )?questions|thats (all|everything)( i (needed|wanted))?)\b/g,
  ],
  [
    'greeting',
    /\b((hi|hey|hello|hiya|heya)( there| all| everyone)? (im|i am|my name is|its|this is) [a-z]+|hi|hey|hello|hiya|heya|howdy|yo|sup|whats up|wassup|good (morning|afternoon|evening|day)|gm|morning|evening|greetings|hallo|hola|hei|hej|bonjour|salut|ciao|namaste|ahoy|guten (tag|morgen|abend)|konnichiwa|gday|g day|ola|merhaba|privet|ni hao|nihao|shalom|salaam|salam|aloha|buenos dias|buenas|bom dia|moin|servus|anyone there|how far|(are )?(you|u) (working|up|online|awake)|wake up|wie gehts|como estas|que tal|how body|(i trust|i hope) (you are|youre|ur|u r) (well|good|doing well|keeping well)|testing( (1|2|3|123|one|two|three))+|comment ca va|ca va|(you|u) (about|around)|(are )?(you|u) there|ping|test|testing|(nice|good|pleased|great) to meet (you|u)|how do (you|u) do|whats new|whats going on|long time no see|im back|back again|(hello|hi|hey) again|happy (monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|new year|holidays)|first time( here| using (this|it|you|pivot|the bot))?|(good|nice|great) to see (you|u))\b/g,
  ],
  [
    'acknowledgement',
    /\b(no way|ok|okay|k|kk|got it|gotcha|makes sense|that makes sense|sounds good|noted|understood|cool|nice|great|awesome|perfect|fair enough|i see|ah i see|alright|all right|lo+l|lmf?ao+|a?(ha)+h?|(he)+h?|wow|interesting|will do|oh|ah|sure thing|fair|right)\b/g,
  ],
];

/**
 * Emoji-only lines: a wave greets, folded hands or a heart thank, a frown or a
 * thumbs down asks for another try, anything else acknowledges.
 */
const EMOJI_KINDS: [SmallTalkKind, RegExp][] = [
  ['greeting', /\u{1F44B}/u],
  ['criticism', /[\u{1F44E}\u{1F914}\u{1F615}\u{1F61E}\u{1F622}\u{1F62D}\u{2639}\u{1F641}\u{1F610}\u{1F612}\u{1F644}]/u],
  ['thanks', /[\u{1F64F}\u{2764}\u{1F49C}\u{1F499}\u{1F49A}\u{1F9E1}\u{1F49B}]/u],
  ['acknowledgement', /[\u{1F44D}\u{1F44C}\u{2705}\u{1F4AF}\u{1F64C}\u{1F44F}\u{1F60A}\u{1F642}\u{1F600}\u{1F604}\u{1F601}\u{1F525}\u{1F389}]/u],
];

/**
 * Recognises a line that is only small talk. A line that also asks something
 * ("thanks! and in the US?") is not: whatever is left after the small-talk
 * phrase must be pleasantries. With a reader, a line the phrases miss may
 * still be read as chatter by the small-talk model.
 */
export function detectSmallTalk(text: string, reader?: SmallTalkReader): SmallTalkKind | undefined {
  const line = cleanLine(text);
  return ruledSmallTalk(text, line, reader ? (word) => reader.namesTopic(word) : () => true) ?? (reader ? modelledSmallTalk(text, line, reader) : undefined);
}

/** How sure the small-talk model must be that the line is chatter; a part of it that reads as a question more often than not makes it one. */
const MODEL_CONFIDENCE = 0.95;
const PART_QUESTION = 0.5;
/** A request or a how-to, asked straight out or politely: "translate…", "can you help me with my homework", "pretend you're a pirate", "how do you model a staircase in blender". */
const REQUEST =
  /^(how (do|can|could|should|would|to|does) |((can|could|would|will) (you|u) )?(pls |please |kindly )?(translate|write|tell|give|show|explain|make|create|find|list|recommend|suggest|help me (with|to|write|fix|find|understand|plan|prepare)|pretend|act as|roleplay|solve|convert|calculate|summari[sz]e|fix|draft|generate))\b/;

/**
 * The small-talk model's reading, for lines the phrase lists do not know
 * ("I must take my leave now", "do u ever sleep"). The whole line and each
 * of its parts must read as chatter: "that seems way too long. whats the
 * quickest way in" ends in a question, and a request is never chatter.
 */
function modelledSmallTalk(text: string, line: string, reader: SmallTalkReader): SmallTalkKind | undefined {
  if (!line || line.split(' ').length > MAX_WORDS || !reader.smallTalk) return undefined;
  const parts = text.split(/[.!?;,:\n]+/).filter((part) => /[\p{L}\p{N}]/u.test(part));
  if (parts.some((part) => REQUEST.test(cleanLine(part)))) return undefined;
  // A career word needs a pleasantry beside it: "cheers, the cv tip really helped" is thanks, "mention him so he sees your answer on ml interviews" is not.
  if (line.split(' ').some((word) => isCareerWord(word) && !FILLER.has(word)) && !hasSmallTalkSignal(line)) return undefined;
  const whole = reader.smallTalk(text);
  if (!whole || whole.chatter < MODEL_CONFIDENCE) return undefined;
  for (const part of parts.length > 1 ? parts : []) if (1 - (reader.smallTalk(part)?.chatter ?? 1) > PART_QUESTION) return undefined;
  return whole.kind;
}

/** Whether the line holds any small-talk phrase or signal word, whatever else it holds. */
function hasSmallTalkSignal(line: string): boolean {
  return line.split(' ').some((word) => SIGNAL_KIND.has(word)) || PATTERNS.some(([, pattern]) => ` ${line} `.search(pattern) >= 0);
}

function ruledSmallTalk(text: string, line: string, namesATopic: (word: string) => boolean): SmallTalkKind | undefined {
  const emoticon = emoticonSmallTalk(text);
  if (emoticon) return emoticon;
  if (!line) return emojiSmallTalk(text);
  // "heyyy", "thanksss": also try stretched letters squeezed back, then a doubled last letter ("heyy", "hii").
  const squeezed = line.replace(/(\p{L})\1{2,}/gu, '$1');
  const unDoubled = squeezed.replace(/(\p{L})\1\b/gu, '$1');
  const keptDouble = line.replace(/(\p{L})\1{2,}/gu, '$1$1');
  // A question or a request ("any way to improve my odds?", "translate this into french: good morning") may carry no aside.
  const asides = !text.includes('?') && !ASKS.test(line);
  for (const variant of new Set([line, squeezed, unDoubled, keptDouble])) {
    const kind = matchSmallTalk(variant, asides ? namesATopic : undefined);
    if (kind) return kind;
  }
  return undefined;
}

function emojiSmallTalk(text: string): SmallTalkKind | undefined {
  if (!/\p{Extended_Pictographic}/u.test(text) || /[\p{L}\p{N}]/u.test(text)) return undefined;
  return EMOJI_KINDS.find(([, pattern]) => pattern.test(text))?.[0] ?? 'acknowledgement';
}

/** Text emoticons alone on a line: ":)", "xD", "<3", ":(". */
const EMOTICONS = /^(?:\s*(?:[:;=8][-'^]?[()[\]dpo3*|/\\]+|x-?d+|<3+|\^_*\^|o_o|-_-))+\s*$/i;

function emoticonSmallTalk(text: string): SmallTalkKind | undefined {
  if (!EMOTICONS.test(text)) return undefined;
  if (/<3/.test(text)) return 'thanks';
  return /[:;=]-?[([/\\]|-_-/.test(text) ? 'criticism' : 'acknowledgement';
}

function cleanLine(text: string): string {
  return normalizeText(text)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Small talk is short: a longer line asks something, whatever pleasantries come with it. */
const MAX_WORDS = 14;

const INTENSIFIERS = /\b(actually|really|honestly|literally|even|exactly|just|genuinely|truly) /g;

/** A short line of small talk may carry this many words that are neither filler nor small talk, if none is a topic of the guides. */
const ASIDE_WORDS = 2;
const ASIDE_MAX_WORDS = 8;
/** …unless it asks or requests something ("how do i renew my passport online", "ok so how do i improve my odds"). */
const ASKS =
  /(^|\b(so|then|and|but) )(how|what|whats|why|where|when|which|who|whos|should|can|could|would|is|are|do|does|did|will|any)\b|^(translate|write|tell|give|show|explain|make|create|find|list|recommend|suggest)\b/;

/** Signal words long enough that one slip still leaves them recognisable ("thnaks", "helo"); an English word is no slip ("start" is not "star"). */
const LONG_SIGNALS = [...SIGNAL_KIND].filter(([word]) => word.length >= 5);

function slipOfSignalWord(word: string): SmallTalkKind | undefined {
  if (word.length < 4 || isCommonEnglishWord(word)) return undefined;
  return LONG_SIGNALS.find(([signal]) => editDistance(word, signal, 1) <= 1)?.[1];
}

/**
 * Small talk when, once its small-talk phrases are taken out, every word left
 * is a signal word or filler: one word that asks about anything else
 * ("thanks! and in the US?") makes it a question.
 */
function matchSmallTalk(line: string, namesATopic: ((word: string) => boolean) | undefined): SmallTalkKind | undefined {
  const count = line.split(' ').length;
  if (!line || count > MAX_WORDS) return undefined;
  const asidesAllowed = namesATopic && count <= ASIDE_MAX_WORDS ? ASIDE_WORDS : 0;
  // Intensifiers change no kind: "what can you actually do" asks what "what can you do" asks.
  let rest = ` ${line.replace(INTENSIFIERS, '')} `;
  const kinds = new Set<SmallTalkKind>();
  for (const [kind, pattern] of PATTERNS) {
    const next = rest.replace(pattern, ' ');
    if (next === rest) continue;
    kinds.add(kind);
    rest = next;
  }
  const others: string[] = [];
  for (const word of rest.split(' ')) {
    if (!word) continue;
    const kind = SIGNAL_KIND.get(word) ?? (FILLER.has(word) ? 'filler' : slipOfSignalWord(word));
    if (kind === 'filler') continue;
    if (kind) kinds.add(kind);
    else if (others.push(word) > asidesAllowed) return undefined;
  }
  // A word or two of chat slang around a pleasantry ("cheers bud", "sorry for spamming") still leaves small talk; one of the guides' topics makes a question.
  if (others.some((word) => namesATopic?.(word) ?? true)) return undefined;
  return KIND_ORDER.find((kind) => kinds.has(kind));
}
