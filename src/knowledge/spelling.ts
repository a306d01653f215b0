/** Damerau-style edit distance (adjacent swaps count once), stopping early past `max`. */
export function editDistance(a: string, b: string, max: number): number {
  if (Math.abs(a.length - b.length) > max) return max + 1;
  let prevPrev: number[] = [];
  let prev = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const row = [i];
    let rowMin = i;
    for (let j = 1; j <= b.length; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let value = Math.min((prev[j] ?? 0) + 1, (row[j - 1] ?? 0) + 1, (prev[j - 1] ?? 0) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) {
        value = Math.min(value, (prevPrev[j - 2] ?? 0) + 1);
      }
      row.push(value);
      rowMin = Math.min(rowMin, value);
    }
    if (rowMin > max) return max + 1;
    prevPrev = prev;
    prev = row;
  }
  return prev[b.length] ?? max + 1;
}

/** How many typos a word of this length may carry and still be recognised. */
function allowedTypos(word: string): number {
  if (word.length >= 8) return 2;
  if (word.length >= 5) return 1;
  return 0;
}

/**
 * The knowledge base's own words closest to a word it does not contain
 * (members type "salry", "mlops engneer"). Empty when the word is known,
 * too short to judge, or nothing is close.
 */
export function correctionsFor(word: string, vocabulary: ReadonlySet<string>): string[] {
  if (vocabulary.has(word) || /\d/.test(word)) return [];
  const max = allowedTypos(word);
  if (max === 0) return [];
  let best = max + 1;
  let found: string[] = [];
  for (const candidate of vocabulary) {
    if (candidate[0] !== word[0] && candidate[1] !== word[1]) continue;
    const d = editDistance(word, candidate, best);
    if (d < best) {
      best = d;
      found = [candidate];
    } else if (d === best && d <= max) {
      found.push(candidate);
    }
  }
  return best <= max ? found.slice(0, 3) : [];
}
