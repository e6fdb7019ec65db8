/**
 * `npm run schemas`: writes schemas/flopack.schema.json from the zod model (src/format). The file is written only
 * when its content changes (quiet mtimes, clean diffs). `--check` writes nothing and exits 1 when the committed
 * file is stale (CI: `npm run schemas -- --check`).
 */
import { existsSync, readFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { renderFlopackSchemaFile } from "../src/format/schema-file.js";
import { writeFileAtomic } from "../src/util/atomic-write.js";

const target = fileURLToPath(new URL("../schemas/flopack.schema.json", import.meta.url));
const content = renderFlopackSchemaFile();
const current = existsSync(target) ? readFileSync(target, "utf8") : undefined;

if (process.argv.includes("--check")) {
  if (current !== content) {
    process.stderr.write("schemas/flopack.schema.json is stale: run `npm run schemas`\n");
    process.exitCode = 1;
  }
} else if (current === content) {
  process.stdout.write("schemas/flopack.schema.json is up to date\n");
} else {
  writeFileAtomic(target, content);
  process.stdout.write("wrote schemas/flopack.schema.json\n");
}
