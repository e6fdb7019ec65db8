import { basename } from "node:path";
import { describe, expect, it } from "vitest";
import { liftPack } from "../../src/lift/lift-pack.js";
import { emitPack } from "../../src/compile/emit.js";
import type { JsonObject } from "../../src/ir/types.js";
import { corpus, readCorpusJson } from "../support/corpus.js";
import { firstDifference, normaliseFlopack } from "../support/normalise.js";

const c = corpus();

/**
 * Protects the core of build and import: for every real export, lifting it to the IR and emitting it again
 * gives back the same flopack (ids and cosmetic fields normalised). Templates are learned from the file itself.
 */
describe.skipIf(!c)("emit(lift(x)) == x over the corpus", () => {
  for (const file of c?.files ?? []) {
    it(basename(file), () => {
      const original = readCorpusJson(file) as JsonObject;
      const { pack, learned } = liftPack(original, { template: () => undefined });
      const templates = new Map(learned.map((l) => [`${l.address}#${l.variant}`, l.template]));
      const emitted = emitPack(pack, { template: (a, v) => templates.get(`${a}#${v}`) }, { created: "2000-01-01T00:00:00.000Z" });
      const diff = firstDifference(normaliseFlopack(original), normaliseFlopack(emitted));
      expect(diff).toBeUndefined();
    });
  }
});
