import { createRequire } from "node:module";
import type { Ajv2020 } from "ajv/dist/2020.js";
import type { ValidateFunction } from "ajv";
import { loadPrecompiledValidator, standaloneCode } from "./schema-precompiled.js";
import { jsonSchemaModule } from "./zod-model.js";

/**
 * The fast-path JSON Schema validator: a verdict only (findings come from the zod model, schema-check.ts).
 * `npm run build` compiles it ahead of time (schema-precompiled.ts); the ajv compiler itself is loaded only when
 * there is no compiled file (tsx, vitest) or to write one, which keeps it (and ajv-formats) out of every cold
 * `flocode validate`.
 */
let fast: ValidateFunction | undefined;

export function fastValidator(): ValidateFunction {
  fast ??= loadPrecompiledValidator() ?? compileFlopackValidator(createAjv());
  return fast;
}

type FormatsPlugin = (ajv: Ajv2020) => Ajv2020;

export function createAjv(options: { source?: boolean } = {}): Ajv2020 {
  const require = createRequire(import.meta.url);
  const { Ajv2020 } = require("ajv/dist/2020.js") as typeof import("ajv/dist/2020.js");
  const ajv = new Ajv2020({ allErrors: false, strict: true, allowUnionTypes: true, ...(options.source ? { code: { source: true } } : {}) });
  // ajv-formats is CommonJS: the module is the plugin itself or has it as `default`.
  const mod = require("ajv-formats") as FormatsPlugin | { default: FormatsPlugin };
  const addFormats = typeof mod === "function" ? mod : mod.default;
  addFormats(ajv);
  return ajv;
}

/** The standalone code of the fast-path validator, for `npm run build` (see schema-precompiled.ts). */
export function flopackValidatorCode(): string {
  const ajv = createAjv({ source: true });
  return standaloneCode(ajv, compileFlopackValidator(ajv));
}

/**
 * The flopack schema compiled for the fast path, which only needs a verdict. Two code generation settings make it
 * cheaper without changing any verdict (test/format/schema.test.ts compares them with a stock Ajv2020 compile):
 * - Ajv2020 tracks which properties each subschema evaluated, for `unevaluatedProperties`/`unevaluatedItems`, and
 *   to keep that record complete it evaluates every branch of an `anyOf` even after one matched: every entry's
 *   `type` was also checked against the object-schema branch, which fails and allocates error objects (about
 *   20 MB per corpus pass, and the garbage collections that go with it). The flopack schema uses neither
 *   keyword, so the tracking is off and `anyOf` stops at its first match.
 * - Error paths in JavaScript syntax (`['key']`): the default JSON-pointer form escapes every key of every map
 *   (two regular-expression replaces per entry, pin and edge) on the way into its subschema, even when valid.
 */
function compileFlopackValidator(ajv: Ajv2020): ValidateFunction {
  const schema = jsonSchemaModule().buildFlopackJsonSchema();
  if (!JSON.stringify(schema).includes('"unevaluated')) ajv.opts.unevaluated = false;
  ajv.opts.jsPropertySyntax = true;
  return ajv.compile(schema);
}
