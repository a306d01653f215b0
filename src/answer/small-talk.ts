import { normalizeText } from '../knowledge/query.ts';

/** Greetings, thanks, goodbyes and questions about the coach itself: answered in character, without the guides. */
export type SmallTalkKind = 'greeting' | 'thanks' | 'goodbye' | 'identity' | 'abilities' | 'wellbeing' | 'acknowledgement';

const EXAMPLES = '"How long does the switch take?" or "How long should my CV be?"';

export const SMALL_TALK_REPLIES: Record<SmallTalkKind, string> = {
  greeting: `Hi! I'm Pivot, a career coach for backend developers moving into ML engineering. Ask me anything about the switch, for example ${EXAMPLES}.`,
  thanks:
    "You're welcome, and thanks for saying so! Ask me another question whenever you like, or try /interview to practise an interview question.",
  goodbye: 'Bye for now, and good luck with the switch! I am here whenever the next question comes up.',
  identity:
    "I'm Pivot, a career coach for backend developers becoming ML engineers. I answer from five career guides and cite the one each answer comes from.",
  abilities: `I answer questions about moving from backend work into ML engineering, from five career guides with sources: timelines, skills, salaries, roles, projects, CVs and interviews. Try ${EXAMPLES}; /help lists every command, such as /interview for practice questions.`,
  acknowledgement: 'Glad that helps. Ask me the next question whenever you are ready, or try /plan to see where you stand on your roadmap.',
  wellbeing: `Doing well, thanks for asking! What would you like to know about moving into ML engineering? For example ${EXAMPLES}.`,
};

/** Words that add warmth but no question ("thanks, that's super helpful!"). */
const PLEASANTRIES = new Set(
  `a again all also and as at awesome brilliant cool dude everyone everybody for friend folks fantastic great guys helpful
   i it its it's just lot lots mate man much nice now ok okay one perfect pivot coach bot really right so super that
   that's thats the there this very well you your useful wonderful amazing again heaps loads indeed buddy pal team
   was is sir appreciate appreciated answer answers info today tonight morning evening afternoon day lovely have good
   got makes sense sounds noted understood clear`
    .split(/\s+/)
    .filter(Boolean),
);

const PATTERNS: [SmallTalkKind, RegExp][] = [
  ['thanks', /\b(thanks|thank you|thank u|thankyou|thx|ty|tysm|cheers|ta|appreciate it|much appreciated|many thanks)\b/],
  ['goodbye', /^(bye|goodbye|good bye|bye bye|see you|see ya|cya|later|laters|catch you later|good night|goodnight|night|ttyl|take care)\b/],
  ['identity', /^(who are you|what are you|who is this|who am i talking to|what is pivot|whats pivot|who made you|are you (a )?(bot|human|ai|real|person|robot)|is this a bot)\b/],
  ['abilities', /^(what can you do|what do you do|how can you help( me)?|what can you help (me )?with|what can i ask( you)?|how does this work|what are you for)\b/],
  ['wellbeing', /^(how are you|how are you doing|how r u|how're you|hows it going|how is it going|you ok|how are things)\b/],
  ['greeting', /^(hi|hey|hello|hiya|heya|howdy|yo|sup|whats up|wassup|good (morning|afternoon|evening|day)|gm|morning|evening|greetings|hallo|hola|hei|hi there|hey there)\b/],
  ['acknowledgement', /^(ok|okay|k|kk|got it|gotcha|makes sense|that makes sense|sounds good|noted|understood|cool|nice|great|awesome|perfect|fair enough|i see|ah i see|alright|all right)\b/],
];

/**
 * Recognises a line that is only small talk. A line that also asks something
 * ("thanks! and in the US?") is not: whatever is left after the small-talk
 * phrase must be pleasantries.
 */
export function detectSmallTalk(text: string): SmallTalkKind | undefined {
  const line = cleanLine(text);
  // "heyyy", "thanksss", "byeee": also try the line with stretched letters squeezed back.
  const squeezed = line.replace(/(\p{L})\1{2,}/gu, '$1');
  return matchSmallTalk(line) ?? (squeezed !== line ? matchSmallTalk(squeezed) : undefined);
}

function cleanLine(text: string): string {
  return normalizeText(text)
    .replace(/'/g, '')
    .replace(/[^\p{L}\p{N}\s]+/gu, ' ')
    .replace(/\s+/g, ' ')
    .trim();
}

function matchSmallTalk(line: string): SmallTalkKind | undefined {
  if (!line || line.split(' ').length > 10) return undefined;
  for (const [kind, pattern] of PATTERNS) {
    const match = pattern.exec(line);
    if (!match) continue;
    const rest = `${line.slice(0, match.index)} ${line.slice(match.index + match[0].length)}`
      .split(' ')
      .filter((w) => w && !PLEASANTRIES.has(w) && !PATTERNS.some(([, p]) => p.test(w)));
    if (rest.length === 0) return kind;
  }
  return undefined;
}
