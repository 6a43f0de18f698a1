/**
 * "Did you mean ...?" for names an operator mistyped: the candidate with the smallest edit distance, when it is
 * close enough to be a plausible typo (case differences count as a typo of distance 0).
 */
export function closestName(input: string, candidates: Iterable<string>): string | undefined {
  const needle = input.toLowerCase();
  let best: string | undefined;
  let bestDistance = Number.POSITIVE_INFINITY;
  for (const c of candidates) {
    const d = c.toLowerCase() === needle ? 0 : editDistance(needle, c.toLowerCase());
    if (d < bestDistance || (d === bestDistance && best !== undefined && c < best)) {
      best = c;
      bestDistance = d;
    }
  }
  if (best === undefined) return undefined;
  const allowed = Math.max(1, Math.min(3, Math.floor(Math.max(input.length, best.length) / 3)));
  return bestDistance <= allowed ? best : undefined;
}

/** Levenshtein distance with transpositions counted as one edit (optimal string alignment). */
function editDistance(a: string, b: string): number {
  if (a === b) return 0;
  if (a.length > 64 || b.length > 64) return Math.max(a.length, b.length);
  const rows = a.length + 1;
  const cols = b.length + 1;
  const d: number[] = new Array<number>(rows * cols).fill(0);
  for (let i = 0; i < rows; i++) d[i * cols] = i;
  for (let j = 0; j < cols; j++) d[j] = j;
  for (let i = 1; i < rows; i++) {
    for (let j = 1; j < cols; j++) {
      const cost = a[i - 1] === b[j - 1] ? 0 : 1;
      let v = Math.min((d[(i - 1) * cols + j] as number) + 1, (d[i * cols + j - 1] as number) + 1, (d[(i - 1) * cols + j - 1] as number) + cost);
      if (i > 1 && j > 1 && a[i - 1] === b[j - 2] && a[i - 2] === b[j - 1]) v = Math.min(v, (d[(i - 2) * cols + j - 2] as number) + 1);
      d[i * cols + j] = v;
    }
  }
  return d[rows * cols - 1] as number;
}

/**
 * `closestName` over a fixed, possibly large set of names (every peer of a federation), asked many times: names
 * are grouped by length once, and only those whose length is within the largest allowed distance (3) of the input
 * are compared, since an edit distance is at least the difference in length.
 */
export class NameIndex {
  private readonly byLength = new Map<number, string[]>();

  constructor(names: Iterable<string>) {
    for (const n of names) {
      const list = this.byLength.get(n.length);
      if (list === undefined) this.byLength.set(n.length, [n]);
      else list.push(n);
    }
  }

  /** The closest plausible name, never `exclude` (a peer is never its own suggestion). */
  closest(input: string, exclude?: string): string | undefined {
    const candidates: string[] = [];
    for (let length = input.length - 3; length <= input.length + 3; length++) {
      for (const n of this.byLength.get(length) ?? []) if (n !== exclude) candidates.push(n);
    }
    return closestName(input, candidates);
  }
}

/** At most this many names are listed in a hint; the rest are counted (a 1,000-peer federation is not listed whole). */
export const MAX_LISTED_NAMES = 10;

/** `a, b, c` or `a, b, ..., j and 990 more`: a bounded list of names for a hint. */
export function listNames(names: readonly string[], max = MAX_LISTED_NAMES): string {
  if (names.length <= max) return names.join(', ');
  return `${names.slice(0, max).join(', ')} and ${names.length - max} more`;
}
