/** Levenshtein edit distance between two strings. */
function editDistance(a: string, b: string): number {
  let previous = Array.from({ length: b.length + 1 }, (_, j) => j);
  for (let i = 1; i <= a.length; i++) {
    const current = [i];
    for (let j = 1; j <= b.length; j++) {
      const substitution = previous[j - 1] + (a[i - 1] === b[j - 1] ? 0 : 1);
      current.push(Math.min(previous[j] + 1, current[j - 1] + 1, substitution));
    }
    previous = current;
  }
  return previous[b.length];
}

/**
 * The candidate closest to `name` by edit distance, if it is close enough to be a
 * plausible typo (at most a third of the name's length, and at least 1), else undefined.
 */
export function closestName(name: string, candidates: readonly string[]): string | undefined {
  const budget = Math.max(1, Math.floor(name.length / 3));
  let best: string | undefined;
  let bestDistance = Infinity;
  for (const candidate of candidates) {
    const distance = editDistance(name.toLowerCase(), candidate.toLowerCase());
    if (distance < bestDistance) {
      best = candidate;
      bestDistance = distance;
    }
  }
  return bestDistance <= budget ? best : undefined;
}

/** `unknown X "name" (did you mean "y"?); expected one of: a, b` for an unrecognised name. */
export function unknownNameMessage(what: string, name: string, candidates: readonly string[]): string {
  const suggestion = closestName(name, candidates);
  const hint = suggestion === undefined ? '' : ` (did you mean ${JSON.stringify(suggestion)}?)`;
  return `unknown ${what} ${JSON.stringify(name)}${hint}; expected one of: ${candidates.join(', ')}`;
}
