/** Number of hash buckets: 2^18 keeps collisions rare for a desk's vocabulary at 1 MB per class. */
export const DIMENSIONS = 1 << 18;
const MASK = DIMENSIONS - 1;

/** A sparse feature vector: bucket indices and their weights, L2-normalised. */
export type Features = { index: Uint32Array; value: Float32Array };

// FNV-1a over UTF-16 code units, with a seed per feature kind so a word and a 3-gram never share a hash by design.
function hash(text: string, seed: number): number {
  let h = 0x811c9dc5 ^ seed;
  for (let i = 0; i < text.length; i++) {
    h ^= text.charCodeAt(i);
    h = Math.imul(h, 0x01000193);
  }
  return (h >>> 0) & MASK;
}

const WORD = /[\p{L}\p{N}]+/gu;

/**
 * Words and word pairs of title and description, title words once more on their own (a title is
 * short and says most), and character 3- to 5-grams inside each word, which survive typos and
 * word forms ("refund", "refunded", "refnud"). Counts are log-scaled, then the vector is normalised.
 */
export function features(title: string, description: string): Features {
  const counts = new Map<number, number>();
  const add = (key: number, weight = 1) =>
    counts.set(key, (counts.get(key) ?? 0) + weight);
  const titleWords = normalise(title).match(WORD) ?? [];
  const words = [...titleWords, ...(normalise(description).match(WORD) ?? [])];
  for (const word of titleWords) add(hash(word, 7));
  for (let i = 0; i < words.length; i++) {
    const word = words[i]!;
    add(hash(word, 1));
    if (i > 0) add(hash(`${words[i - 1]} ${word}`, 2));
    const padded = ` ${word} `;
    for (let n = 3; n <= 5; n++)
      for (let j = 0; j + n <= padded.length; j++)
        add(hash(padded.slice(j, j + n), 3), 0.5);
  }
  const index = new Uint32Array(counts.size);
  const value = new Float32Array(counts.size);
  let norm = 0;
  let k = 0;
  for (const [key, count] of counts) {
    const v = Math.log1p(count);
    index[k] = key;
    value[k++] = v;
    norm += v * v;
  }
  norm = Math.sqrt(norm) || 1;
  for (let i = 0; i < value.length; i++) value[i]! /= norm;
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
