// Makes the CLI entry executable after tsc (tsc does not keep file modes).
import { chmodSync, existsSync, writeFileSync } from "node:fs";
const bin = new URL("../lib/cli/main.js", import.meta.url);
if (existsSync(bin)) chmodSync(bin, 0o755);

// The JSON Schema validator compiled ahead of time (src/format/schema-precompiled.ts): saves ajv's compilation
// (0.3–0.7 s) in every cold validate/build/show.
const { flopackValidatorCode } = await import("../lib/format/schema-check.js");
const { PRECOMPILED_FILE } = await import("../lib/format/schema-precompiled.js");
writeFileSync(new URL(`../lib/format/${PRECOMPILED_FILE}`, import.meta.url), flopackValidatorCode());
