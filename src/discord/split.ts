/** Discord rejects messages over 2,000 characters. */
export const DISCORD_MESSAGE_LIMIT = 2000;

const FENCE = /^(```|~~~)/;

/** Paragraphs, with each fenced code block kept whole (its blank lines included). */
function paragraphs(text: string): string[] {
  const units: string[] = [];
  let current: string[] = [];
  let fenced = false;
  const flush = () => {
    if (current.some((l) => l.trim())) units.push(current.join('\n'));
    current = [];
  };
  for (const line of text.split('\n')) {
    if (FENCE.test(line.trim())) {
      if (!fenced) flush();
      current.push(line);
      fenced = !fenced;
      if (!fenced) flush();
      continue;
    }
    if (!fenced && line.trim() === '') flush();
    else current.push(line);
  }
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
    const at = sentence > limit / 3 ? sentence + 1 : space > limit / 3 ? space : limit;
    pieces.push(rest.slice(0, at).trimEnd());
    rest = rest.slice(at).trimStart();
  }
  if (rest) pieces.push(rest);
  return pieces;
}

/** A code block too long for one message, as several, each closed and reopened with the same fence. */
function cutCode(block: string, limit: number): string[] {
  const lines = block.split('\n');
  const opener = lines[0] ?? '```';
  const fence = opener.trim().startsWith('~~~') ? '~~~' : '```';
  const body = lines.slice(1, lines.at(-1)?.trim().startsWith(fence) ? -1 : undefined);
  const room = limit - opener.length - fence.length - 2;
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
  if (FENCE.test(unit.trim())) return cutCode(unit, limit);
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
