/** Splits text into whole sentences; each list item counts as one. Both offline composers quote these, never less. */
export function splitSentences(body: string): { text: string; listItem: boolean }[] {
  return body
    .split(/\n+/)
    .map((line) => line.trim())
    .filter(Boolean)
    .flatMap((line) => {
      const listItem = /^([-*]|\d+[.)])\s+/.test(line);
      const text = line.replace(/^([-*]|\d+[.)])\s+/, '');
      const parts = listItem ? [text] : text.split(/(?<=[.!?])\s+(?=[A-Z0-9£$€*("])/);
      return parts.map((part) => ({ text: part.trim(), listItem }));
    })
    .filter((s) => s.text.length > 0);
}
