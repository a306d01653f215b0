/** Discord rejects messages over 2,000 characters. */
export const DISCORD_MESSAGE_LIMIT = 2000;

const FENCE = /^(```|~~~)/;
/** Longer than this, a fence line carries code, not just a language name; repeating it in every part would not fit. */
const MAX_OPENER_CHARS = 24;

/** The fence a line opens a code block with, if it does. */
const openingFence = (line: string) => FENCE.exec(line.trim())?.[1];
/** A block closes only on a line of its own fence characters (as in CommonMark): "```python" inside a block is code. */
const closesFence = (line: string, fence: string) => new RegExp(`^${fence[0]}{3,}$`).test(line.trim());

/** Where to cut `text` at or before `at` without splitting a surrogate pair. */
function safeCut(text: string, at: number): number {
  const code = text.charCodeAt(at - 1);
  return code >= 0xd800 && code <= 0xdbff ? at - 1 : at;
}

/** Paragraphs, with each fenced code block kept whole (its blank lines included); a block left open is closed. */
function paragraphs(text: string): string[] {
  const units: string[] = [];
  let current: string[] = [];
  let open: string | undefined;
  const flush = () => {
    if (current.some((l) => l.trim())) units.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split('\n')) {
    if (open) {
      current.push(line);
      if (closesFence(line, open)) {
        open = undefined;
        flush();
      }
      continue;
    }
    open = openingFence(line);
    if (open) flush();
    if (open || line.trim() !== '') current.push(line);
    else flush();
  }
  if (open) current.push(open);
  flush();
  return units;
}

/** Cuts text that fits nowhere whole: at sentence ends, then spaces, then anywhere. */
function cutProse(text: string, limit: number): string[] {
  const pieces: string[] = [];
  let rest = text;
  while (rest.length > limit) {
    const window = rest.slice(0, limit + 1);
    const sentence = Math.max(window.lastIndexOf('. '), window.lastIndexOf('! '), window.lastIndexOf('? '), window.lastIndexOf('\n'));
    const space = window.lastIndexOf(' ');
    const at = sentence > limit / 3 ? sentence + 1 : space > limit / 3 ? space : Math.max(1, safeCut(rest, limit));
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** A code block too long for one message, as several, each closed and reopened with the same fence. */
function cutCode(block: string, limit: number): string[] {
  const lines = block.split('\n');
  const first = lines[0] ?? '```';
  const fence = first.trim().startsWith('~~~') ? '~~~' : '```';
  const closed = lines.length > 1 && closesFence(lines.at(-1) ?? '', fence);
  const inner = lines.slice(1, closed ? -1 : undefined);
  const long = first.length > MAX_OPENER_CHARS;
  const opener = long ? fence : first;
  const body = long ? [first.slice(first.indexOf(fence) + fence.length), ...inner] : inner;
  const room = Math.max(1, limit - opener.length - fence.length - 2);
  const parts: string[] = [];
  let current: string[] = [];
  let size = 0;
  for (const line of body.flatMap((l) => (l.length > room ? cutProse(l, room) : [l]))) {
    if (size + line.length + 1 > room && current.length) {
      parts.push([opener, ...current, fence].join('\n'));
      current = [];
      size = 0;
    }
    current.push(line);
    size += line.length + 1;
  }
  parts.push([opener, ...current, fence].join('\n'));
  return parts;
}

/** A paragraph too long for one message: at line breaks (list items stay whole), then as prose. */
function cutParagraph(unit: string, limit: number): string[] {
  if (openingFence(unit)) return cutCode(unit, limit);
  const parts: string[] = [];
  let current = '';
  for (const line of unit.split('\n').flatMap((l) => (l.length > limit ? cutProse(l, limit) : [l]))) {
    if (current && current.length + 1 + line.length > limit) {
      parts.push(current);
      current = '';
    }
    current = current ? `${current}\n${line}` : line;
  }
  if (current) parts.push(current);
  return parts;
}

/**
 * Splits text into messages of at most `limit` characters, at paragraph
 * boundaries where it can, then lines, sentences and words; code blocks are
 * closed at a cut and reopened in the next message.
 */
export function splitMessage(text: string, limit = DISCORD_MESSAGE_LIMIT): string[] {
  const messages: string[] = [];
  let current = '';
  for (const unit of paragraphs(text.trim())) {
    for (const piece of unit.length > limit ? cutParagraph(unit, limit) : [unit]) {
      if (current && current.length + 2 + piece.length > limit) {
        messages.push(current);
        current = '';
      }
      current = current ? `${current}\n\n${piece}` : piece;
    }
  }
  if (current) messages.push(current);
  return messages.length ? messages : [''];
}
