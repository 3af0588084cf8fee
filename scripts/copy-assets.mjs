// tsc compiles only TypeScript; the server also reads its SQL migrations and the classifier prompt at run time.
import { cpSync } from "node:fs";

cpSync("server/db/migrations", "dist/server/db/migrations", {
  recursive: true,
});
cpSync("server/classify/prompt.txt", "dist/server/classify/prompt.txt");
