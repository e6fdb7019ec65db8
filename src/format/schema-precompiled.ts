/**
 * The JSON Schema validator, compiled ahead of time. Compiling the flopack schema with ajv costs 0.3–0.7 s of every
 * cold `flocode validate` / `build` / `show`; `npm run build` therefore writes ajv's standalone code for it next to
 * this module (lib/format/flopack-validator.cjs, from lib's own zod model: the two cannot disagree), and
 * `checkSchema` loads that instead of compiling. Under tsx/vitest (src/, no file) the schema is compiled as before.
 */
import { existsSync } from "node:fs";
import { createRequire } from "node:module";
import { fileURLToPath } from "node:url";
import type { ValidateFunction } from "ajv";

export const PRECOMPILED_FILE = "flopack-validator.cjs";

type Standalone = (ajv: unknown, validate: ValidateFunction) => string;

/** ajv's standalone (CommonJS) code of a validator compiled with `code: { source: true }` (loaded only to build). */
export function standaloneCode(ajv: unknown, validate: ValidateFunction): string {
  const mod = createRequire(import.meta.url)("ajv/dist/standalone") as Standalone | { default: Standalone };
  return (typeof mod === "function" ? mod : mod.default)(ajv, validate);
}

/** The validator `npm run build` wrote next to this module, when there is one. */
export function loadPrecompiledValidator(): ValidateFunction | undefined {
  const file = fileURLToPath(new URL(`./${PRECOMPILED_FILE}`, import.meta.url));
  if (!existsSync(file)) return undefined;
  const loaded = createRequire(import.meta.url)(file) as ValidateFunction | { default?: ValidateFunction };
  return typeof loaded === "function" ? loaded : loaded.default;
}
