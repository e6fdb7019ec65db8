import { createRequire } from "node:module";

/**
 * The zod model (envelope.ts) and the JSON Schema built from it (json-schema.ts), loaded on first use. Valid files
 * never need them on the `flocode validate` path (the precompiled JSON Schema validator gives the verdict), and
 * loading zod and building the model costs a cold start about 60 ms. Built code therefore requires them
 * synchronously when a document fails the fast check (require of an ES module: Node ≥ 20.19). Run from source
 * (tsx, vitest) the modules are TypeScript, which require() cannot load: they are imported up front instead.
 */
type Envelope = typeof import("./envelope.js");
type JsonSchemaModule = typeof import("./json-schema.js");

const fromSource = import.meta.url.endsWith(".ts");
const preloaded = fromSource ? { envelope: await import("./envelope.js"), jsonSchema: await import("./json-schema.js") } : undefined;
const require = createRequire(import.meta.url);

export function envelopeModule(): Envelope {
  return preloaded?.envelope ?? (require("./envelope.js") as Envelope);
}

export function jsonSchemaModule(): JsonSchemaModule {
  return preloaded?.jsonSchema ?? (require("./json-schema.js") as JsonSchemaModule);
}
