/** Number of hash buckets: 2^18 keeps collisions rare for a desk's vocabulary at 1 MB per class. */
export const DIMENSIONS = 1 << 18;
const MASK = DIMENSIONS - 1;
const FNV_OFFSET = 0x811c9dc5;
const FNV_PRIME = 0x01000193;

/** A sparse feature vector: bucket indices and their weights, L2-normalised. */
export type Features = { index: Uint32Array; value: Float32Array };

/** FNV-1a over text[start, end), continuing from `h`; no substring is made (this runs 300 times per ticket). */
function fnv(h: number, text: string, start: number, end: number): number {
  for (let i = start; i < end; i++)
    h = Math.imul(h ^ text.charCodeAt(i), FNV_PRIME);
  return h;
}

// A seed per feature kind, so that a word and a 3-gram with the same letters are different features.
const WORD = FNV_OFFSET ^ 1;
const PAIR = FNV_OFFSET ^ 2;
const GRAM = FNV_OFFSET ^ 3;
const TITLE_WORD = FNV_OFFSET ^ 7;

const WORDS = /[\p{L}\p{N}]+/gu;

// One scratch accumulator, reused: summing into a typed array beats a Map, and requests never interleave here.
const sums = new Float32Array(DIMENSIONS);
const touched = new Uint32Array(DIMENSIONS);

/**
 * Words and word pairs of title and description, title words once more on their own (a title is
 * short and says most), and character 3- to 5-grams inside each word (with its edges), which
 * survive typos and word forms ("refund", "refunded", "refnud"). Counts are log-scaled, then the
 * vector is normalised.
 */
export function features(title: string, description: string): Features {
  let size = 0;
  const add = (h: number, weight: number) => {
    const key = (h >>> 0) & MASK;
    if (sums[key] === 0) touched[size++] = key;
    sums[key]! += weight;
  };
  const titleWords = normalise(title).match(WORDS) ?? [];
  const words = [...titleWords, ...(normalise(description).match(WORDS) ?? [])];
  for (const word of titleWords) add(fnv(TITLE_WORD, word, 0, word.length), 1);
  let previous = "";
  for (const word of words) {
    add(fnv(WORD, word, 0, word.length), 1);
    if (previous)
      add(
        fnv(
          Math.imul(fnv(PAIR, previous, 0, previous.length) ^ 32, FNV_PRIME),
          word,
          0,
          word.length,
        ),
        1,
      );
    previous = word;
    const padded = ` ${word} `;
    for (let n = 3; n <= 5; n++)
      for (let j = 0; j + n <= padded.length; j++)
        add(fnv(GRAM, padded, j, j + n), 0.5);
  }
  const index = touched.slice(0, size);
  const value = new Float32Array(size);
  let norm = 0;
  for (let k = 0; k < size; k++) {
    const v = Math.log1p(sums[index[k]!]!);
    sums[index[k]!] = 0;
    value[k] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let k = 0; k < size; k++) value[k]! /= norm;
  return { index, value };
}

/** Lower case, accents folded, digits collapsed: "Invoice #48213" and "invoice #77120" look alike. */
function normalise(text: string): string {
  return text
    .toLowerCase()
    .normalize("NFKD")
    .replace(/\p{M}/gu, "")
    .replace(/\d/g, "0");
}
