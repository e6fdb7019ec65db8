/**
 * Smoke runs of every flow of one or more folders of exports, with automatic mocks: how many run to completion,
 * how many stop at a card not simulated yet (which cards), and that none crashes.
 * `npm run simulate-report -- ../shared/flopacks ../shared/community` (default: FLOCODE_CORPUS).
 */
import { readdirSync } from "node:fs";
import { join } from "node:path";
import { formatTally, smokeRuns } from "../src/testing/smoke.js";

const folders = process.argv.slice(2).length > 0 ? process.argv.slice(2) : process.env.FLOCODE_CORPUS ? [process.env.FLOCODE_CORPUS] : [];
if (folders.length === 0) {
  process.stderr.write("simulate-report: give folders of exports, or set FLOCODE_CORPUS\n");
  process.exit(2);
}
const files = folders.flatMap((d) =>
  readdirSync(d)
    .filter((n) => /\.(flopack|flow|folder)$/.test(n))
    .sort()
    .map((n) => join(d, n)),
);
process.stdout.write(formatTally(await smokeRuns(files)));
