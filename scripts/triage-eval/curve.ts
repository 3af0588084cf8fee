import {
  predict,
  trainModel,
  type Labelled,
} from "../../server/classify/local-model.js";
import { withPriors } from "../../server/classify/priors.js";
import { cpuSeconds, measure, type Answer, type Measured } from "./measure.js";
import { trainBaseline } from "./tfidf-baseline.js";

/** The desk sizes of the learning curve; all of the desk's tickets are learned last. */
const SIZES = [500, 1000, 2000];

export type CurveRow = {
  model: "local" | "local, desk alone" | "TF-IDF + LR baseline";
  priors: boolean;
  desk: number;
  seconds: number;
  results: Measured[];
};

/**
 * A desk learning its own labels: per size N, the first N of `desk` learned on top of the shipped
 * priors as the app weighs them; the same model without the priors; and the textbook baseline on
 * the same N alone. Each is measured on every one of `sets` (none of which is trained on).
 */
export async function learningCurve(
  desk: Labelled[],
  sets: Labelled[][],
): Promise<CurveRow[]> {
  const sizes = [...SIZES.filter((n) => n < desk.length), desk.length];
  const rows: CurveRow[] = [await local(desk, 0, true, sets)];
  for (const n of sizes) {
    rows.push(await local(desk, n, true, sets));
    rows.push(await local(desk, n, false, sets));
    const [baseline, seconds] = await cpuSeconds(() =>
      trainBaseline(desk.slice(0, n)),
    );
    rows.push({
      model: "TF-IDF + LR baseline",
      priors: false,
      desk: n,
      seconds,
      results: sets.map((set) => measure(set, set.map(baseline))),
    });
  }
  return rows;
}

async function local(
  desk: Labelled[],
  n: number,
  priors: boolean,
  sets: Labelled[][],
): Promise<CurveRow> {
  const training = priors ? withPriors(desk.slice(0, n)) : desk.slice(0, n);
  const [model, seconds] = await cpuSeconds(() => trainModel(training));
  const answer = (row: Labelled): Answer => predict(model, row);
  return {
    model: priors ? "local" : "local, desk alone",
    priors,
    desk: n,
    seconds,
    results: sets.map((set) => measure(set, set.map(answer))),
  };
}
