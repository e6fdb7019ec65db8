import { ENVELOPE_KEYS } from "../format/keys.js";
import type { Rule } from "./types.js";
import { checkKeyOrder } from "./_helpers.js";

export const envelopeKeys: Rule = {
  code: "FP101",
  slug: "envelope-keys",
  severity: "error",
  description: "The top-level keys are type, version, created, flags, data and optionally checksum, in that order, and no others (T5).",
  check: ({ index }, report) => checkKeyOrder(index.doc, ENVELOPE_KEYS, "", "top-level", report),
};
