import { normalizeText } from '../knowledge/query.ts';

/** Greetings, thanks, goodbyes and questions about the coach itself: answered in character, without the guides. */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'identity' | 'abilities' | 'wellbeing' | 'acknowledgement' | 'never-mind';

const EXAMPLES = '"How long does the switch take?" or "How long should my CV be?"';

export const SMALL_TALK_REPLIES: Record<SmallTalkKind, string> = {
  greeting: `Hi! I'm Pivot, a career coach for backend developers moving into ML engineering. Ask me anything about the switch, for example ${EXAMPLES}.`,
  thanks: "You're welcome, and thanks for saying so! Ask me another question whenever you like, or try /interview to practise an interview question.",
  goodbye: 'Bye for now, and good luck with the switch! I am here whenever the next question comes up.',
  identity: "I'm Pivot, a career coach for backend developers becoming ML engineers. I answer from five career guides and cite the one each answer comes from.",
  abilities: `I answer questions about moving from backend work into ML engineering, from five career guides with sources: timelines, skills, salaries, roles, projects, CVs and interviews. Try ${EXAMPLES}; /help lists every command, such as /interview for practice questions.`,
  acknowledgement: 'Glad that helps. Ask me the next question whenever you are ready, or try /plan to see where you stand on your roadmap.',
  'never-mind': 'No problem at all. Ask me whatever you like about moving into ML engineering whenever you are ready.',
  wellbeing: `Doing well, thanks for asking! What would you like to know about moving into ML engineering? For example ${EXAMPLES}.`,
};

/** Words that add warmth but no question ("thanks, that's super helpful!"). */
const PLEASANTRIES = new Set(
  `a again all also and as at awesome brilliant cool dude everyone everybody for friend folks fantastic great guys helpful
   i it its it's just lot lots mate man much nice now ok okay one perfect pivot coach bot really right so super that
   that's thats the there this very well you your useful wonderful amazing again heaps loads indeed buddy pal team
   was is sir appreciate appreciated answer answers info today tonight morning evening afternoon day lovely have good
   got makes sense sounds noted understood clear amigo yall ya guy going kindly`
    .split(/\s+/)
    .filter(Boolean),
);

/**
 * Small-talk phrases by kind, tried anywhere in the line. The first kind in
 * this order that a line uses decides the reply ("hi, who are you?" is about
 * the coach, "ok thanks bye" is thanks) and takes its words out first, so
 * "what are you able to do" asks what the coach can do.
 */
const PATTERNS: [SmallTalkKind, RegExp][] = [
  [
    'abilities',
    /\b(what can (you|u) do|what do (you|u) do|how can (you|u) help( me)?|what can (you|u) help (me )?with|can (you|u) help( me)?|what can i ask( you| u)?|how does this work|what are (you|u) for|what are (you|u) able to do|what do (you|u) know( about)?|help( me)?)\b/g,
  ],
  [
    'identity',
    /\b(who are (you|u)|what are (you|u)|who is this|who am i talking to|what is pivot|whats pivot|who (made|built|created|wrote) (you|u)|are (you|u) (a |an )?(bot|human|ai|real|person|robot|chatgpt|gpt)|is this a bot|whats your name|what is your name|what is this bot|whats this bot)\b/g,
  ],
  [
    'wellbeing',
    /\b(how are (you|u)|how are (you|u) doing|how r u|how ru|howre you|hows it going|how is it going|how (you|ya) doing|you ok|how are things|hows your day|hows things)\b/g,
  ],
  [
    'thanks',
    /\b(thanks|thank you|thank u|thankyou|thx|thnx|thanx|ty|tysm|cheers|ta|appreciate it|much appreciated|many thanks|merci|danke|gracias|grazie|obrigado|good bot|you rock|u rock|youre the best|you are the best|love it|love this|legend|lifesaver|life saver|good job|great job|well done|nice one|nice work|bravo|kudos|(that|this|you|it) helped|that was helpful|this is helpful|so helpful)\b/g,
  ],
  ['never-mind', /\b(sorry|my bad|nvm|never mind|nevermind|no worries|no problem|np|all good|forget it)\b/g],
  [
    'goodbye',
    /\b(bye|goodbye|good bye|bye bye|see (you|u|ya)( later| soon| tomorrow| around)?|cya|later|laters|catch you later|good night|goodnight|night|ttyl|take care|gotta go|gtg|talk (later|soon)|signing off|have a (nice|good|great|lovely) (day|evening|weekend|one|night)|gotta run|im done|done for (today|now|the day|tonight)|thats all( for (now|today))?|thats it for (now|today)|im off|off to bed)\b/g,
  ],
  [
    'greeting',
    /\b(hi|hey|hello|hiya|heya|howdy|yo|sup|whats up|wassup|good (morning|afternoon|evening|day)|gm|morning|evening|greetings|hallo|hola|hei|bonjour|salut|ciao|namaste|ahoy|anyone there|(are )?(you|u) there|ping|test|testing|(nice|good|pleased|great) to meet (you|u)|whats new|whats going on|long time no see|im back|back again|(hello|hi|hey) again|happy (monday|tuesday|wednesday|thursday|friday|saturday|sunday|weekend|new year|holidays))\b/g,
  ],
  [
    'acknowledgement',
    /\b(ok|okay|k|kk|got it|gotcha|makes sense|that makes sense|sounds good|noted|understood|cool|nice|great|awesome|perfect|fair enough|i see|ah i see|alright|all right|lol|lmao|haha+|hehe+|wow|interesting|will do|oh|ah)\b/g,
  ],
];

/** Emoji-only lines: a wave greets, folded hands thank, a thumbs up or a smile acknowledges. */
const EMOJI_KINDS: [SmallTalkKind, RegExp][] = [
  ['greeting', /\u{1F44B}/u],
  ['thanks', /[\u{1F64F}\u{2764}\u{1F49C}\u{1F499}\u{1F49A}\u{1F9E1}\u{1F49B}]/u],
  ['acknowledgement', /[\u{1F44D}\u{1F44C}\u{2705}\u{1F4AF}\u{1F64C}\u{1F44F}\u{1F60A}\u{1F642}\u{1F600}\u{1F604}\u{1F601}\u{1F525}\u{1F389}]/u],
];

/**
 * Recognises a line that is only small talk. A line that also asks something
 * ("thanks! and in the US?") is not: whatever is left after the small-talk
 * phrase must be pleasantries.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const line = cleanLine(text);
  if (!line) return emojiSmallTalk(text);
  // "heyyy", "thanksss", "byeee": also try the line with stretched letters squeezed back.
  const squeezed = line.replace(/(\p{L})\1{2,}/gu, '$1');
  return matchSmallTalk(line) ?? (squeezed !== line ? matchSmallTalk(squeezed) : undefined);
}

function emojiSmallTalk(text: string): SmallTalkKind | undefined {
  if (!/\p{Extended_Pictographic}/u.test(text) || /[\p{L}\p{N}]/u.test(text)) return undefined;
  return EMOJI_KINDS.find(([, pattern]) => pattern.test(text))?.[0];
}

function cleanLine(text: string): string {
  return normalizeText(text)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

/** Small talk when, once its small-talk phrases are taken out, only pleasantries are left. */
function matchSmallTalk(line: string): SmallTalkKind | undefined {
  if (!line || line.split(' ').length > 10) return undefined;
  let rest = ` ${line} `;
  let kind: SmallTalkKind | undefined;
  for (const [k, pattern] of PATTERNS) {
    const next = rest.replace(pattern, ' ');
    if (next === rest) continue;
    kind ??= k;
    rest = next;
  }
  // Only warm words ("super helpful!", "brilliant") acknowledge what was said.
  if (!kind) return line.split(' ').every((w) => PLEASANTRIES.has(w)) ? 'acknowledgement' : undefined;
  return rest.split(' ').every((w) => !w || PLEASANTRIES.has(w)) ? kind : undefined;
}
