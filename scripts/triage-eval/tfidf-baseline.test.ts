import { describe, expect, it } from "vitest";
import type { Labelled } from "../../server/classify/local-model.js";
import { trainBaseline } from "./tfidf-baseline.js";

const row = (
  title: string,
  description: string,
  category: Labelled["category"],
): Labelled => ({ title, description, category, priority: "low" });

const training = [
  row("Refund my invoice", "I was charged twice for the invoice", "billing"),
  row("Card charged", "Please refund the double charge", "billing"),
  row("App crashes", "The app crashes on start", "technical"),
  row("Error 500", "The page shows an error and crashes", "technical"),
  row("Cannot log in", "My password reset never arrives", "account"),
  row("Locked out", "I am locked out of my account, password fails", "account"),
  row("Office hours", "When are you open?", "general"),
  row("Feature idea", "Could you add a dark mode?", "general"),
];

describe("TF-IDF + logistic regression baseline", () => {
  // Expected values from scikit-learn 1.2.1:
  // make_pipeline(TfidfVectorizer(), LogisticRegression()).fit(texts, labels).predict_proba(queries)
  it("answers what scikit-learn's defaults answer, with the same probabilities", () => {
    const predict = trainBaseline(training);
    const ask = (title: string, description: string) => {
      const answer = predict(row(title, description, "general"));
      return [answer.category, answer.confidence.category];
    };
    expect(ask("Charged twice", "refund please")).toEqual(["billing", 0.398]);
    expect(ask("Password", "I cannot log in to my account")).toEqual([
      "account",
      0.405,
    ]);
    expect(ask("Question", "Are you open on Sunday? Dark mode?")).toEqual([
      "general",
      0.395,
    ]);
  });
});
