/**
 * The textbook baseline the issue compares with: scikit-learn's `TfidfVectorizer()` and
 * `LogisticRegression()` with their defaults, written out here so the eval needs no Python.
 * Words of two or more letters or digits (`\b\w\w+\b`), lower case, single words only; raw counts
 * times smoothed idf, ln((1 + n) / (1 + df)) + 1, then L2-normalised. Multinomial logistic
 * regression with an unpenalised intercept minimising the summed log loss + ||W||² / (2C), C = 1,
 * solved to a gradient norm below 1e-4 (scikit-learn's lbfgs stops at a similar point).
 * https://scikit-learn.org/stable/modules/feature_extraction.html#tfidf-term-weighting
 */
import {
  CATEGORIES,
  PRIORITIES,
  type Priority,
} from "../../contract/tickets.js";
import type { Labelled } from "../../server/classify/local-model.js";
import type { Answer } from "./measure.js";

type Doc = { index: Uint32Array; value: Float64Array };

/** Runs of word characters; those of two or more are \b\w\w+\b in Python's Unicode sense. */
const WORD_RUNS = /[\p{L}\p{N}_]+/gu;
const C = 1;
const MAX_ITERATIONS = 2_000;
const TOLERANCE = 1e-4;

/** Both fields, each its own vectoriser and regression, over title and description joined by a line break. */
export function trainBaseline(rows: Labelled[]): (row: Labelled) => Answer {
  const text = (row: Labelled) => `${row.title}\n${row.description}`;
  const category = fitField(
    rows.map(text),
    rows.map((row) => row.category),
    CATEGORIES,
  );
  const prioritised = rows.filter((row) => row.priority);
  const priority = prioritised.length
    ? fitField(
        prioritised.map(text),
        prioritised.map((row) => row.priority!),
        PRIORITIES,
      )
    : () => ["medium" as Priority, 0] as const;
  return (row) => {
    const [c, cc] = category(text(row));
    const [p, pc] = priority(text(row));
    return {
      category: c,
      priority: p,
      confidence: { category: cc, priority: pc },
    };
  };
}

/** One field: the predicted class and its probability. */
function fitField<T extends string>(
  texts: string[],
  labels: T[],
  classes: readonly T[],
): (text: string) => readonly [T, number] {
  const vocabulary = new Map<string, number>();
  for (const text of texts)
    for (const token of tokens(text))
      if (!vocabulary.has(token)) vocabulary.set(token, vocabulary.size);
  const df = new Float64Array(vocabulary.size);
  const counted = texts.map((text) => count(text, vocabulary));
  for (const doc of counted) for (const j of doc.keys()) df[j]! += 1;
  const idf = df.map((d) => Math.log((1 + texts.length) / (1 + d)) + 1);
  const vectorise = (text: string) => tfidf(count(text, vocabulary), idf);
  const docs = counted.map((counts) => tfidf(counts, idf));
  const y = labels.map((label) => classes.indexOf(label));
  const { weights, bias } = fit(docs, y, classes.length, vocabulary.size);
  return (text) => {
    const scores = Float64Array.from(bias);
    const { index, value } = vectorise(text);
    for (let c = 0; c < classes.length; c++)
      for (let i = 0; i < index.length; i++)
        scores[c]! += weights[c * vocabulary.size + index[i]!]! * value[i]!;
    let top = 0;
    for (let c = 1; c < scores.length; c++)
      if (scores[c]! > scores[top]!) top = c;
    let sum = 0;
    for (const s of scores) sum += Math.exp(s - scores[top]!);
    return [classes[top]!, Math.round(1000 / sum) / 1000] as const;
  };
}

function tokens(text: string): string[] {
  return (text.toLowerCase().match(WORD_RUNS) ?? []).filter(
    (token) => token.length > 1,
  );
}

function count(text: string, vocabulary: Map<string, number>) {
  const counts = new Map<number, number>();
  for (const token of tokens(text)) {
    const j = vocabulary.get(token);
    if (j !== undefined) counts.set(j, (counts.get(j) ?? 0) + 1);
  }
  return counts;
}

function tfidf(counts: Map<number, number>, idf: Float64Array): Doc {
  const index = Uint32Array.from(counts.keys());
  const value = Float64Array.from(index, (j) => counts.get(j)! * idf[j]!);
  const norm = Math.hypot(...value) || 1;
  for (let i = 0; i < value.length; i++) value[i]! /= norm;
  return { index, value };
}

/**
 * Nesterov's accelerated gradient for a strongly convex, smooth objective: step 1/L with L bounded
 * by n/2 + 1/C (rows have unit norm), momentum from the condition number. Deterministic.
 */
function fit(docs: Doc[], y: number[], k: number, d: number) {
  const size = k * d + k; // weights class-major, then the k intercepts
  const smooth = docs.length / 2 + 1 / C;
  const strong = 1 / C;
  const rate = 1 / smooth;
  const momentum =
    (Math.sqrt(smooth) - Math.sqrt(strong)) /
    (Math.sqrt(smooth) + Math.sqrt(strong));
  let x = new Float64Array(size);
  let previous = new Float64Array(size);
  const lookahead = new Float64Array(size);
  const gradient = new Float64Array(size);
  for (let t = 0; t < MAX_ITERATIONS; t++) {
    for (let i = 0; i < size; i++)
      lookahead[i] = x[i]! + momentum * (x[i]! - previous[i]!);
    gradientAt(lookahead, docs, y, k, d, gradient);
    let norm = 0;
    for (let i = 0; i < size; i++)
      norm = Math.max(norm, Math.abs(gradient[i]!));
    if (norm < TOLERANCE) break;
    previous = x;
    x = new Float64Array(size);
    for (let i = 0; i < size; i++) x[i] = lookahead[i]! - rate * gradient[i]!;
  }
  return { weights: x.subarray(0, k * d), bias: x.subarray(k * d) };
}

function gradientAt(
  w: Float64Array,
  docs: Doc[],
  y: number[],
  k: number,
  d: number,
  out: Float64Array,
) {
  for (let i = 0; i < k * d; i++) out[i] = w[i]! / C;
  out.fill(0, k * d);
  const p = new Float64Array(k);
  docs.forEach(({ index, value }, n) => {
    let max = -Infinity;
    for (let c = 0; c < k; c++) {
      let s = w[k * d + c]!;
      for (let i = 0; i < index.length; i++)
        s += w[c * d + index[i]!]! * value[i]!;
      p[c] = s;
      max = Math.max(max, s);
    }
    let sum = 0;
    for (let c = 0; c < k; c++) sum += p[c] = Math.exp(p[c]! - max);
    for (let c = 0; c < k; c++) {
      const g = p[c]! / sum - (c === y[n] ? 1 : 0);
      out[k * d + c]! += g;
      for (let i = 0; i < index.length; i++)
        out[c * d + index[i]!]! += g * value[i]!;
    }
  });
}
