// tsc compiles only TypeScript; the server also reads its SQL migrations, the classifier prompt and the triage priors at run time.
import { cpSync } from "node:fs";

cpSync("server/db/migrations", "dist/server/db/migrations", {
  recursive: true,
});
cpSync("server/classify/prompt.txt", "dist/server/classify/prompt.txt");
// The shipped triage priors: a fresh install trains its local model from them at start.
cpSync("data/triage/train.jsonl", "dist/data/triage/train.jsonl");
