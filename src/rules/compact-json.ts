import type { Rule } from "./types.js";
import { lineColumn } from "../format/json-text.js";

export const compactJson: Rule = {
  code: "FP213",
  slug: "compact-json",
  severity: "warning",
  description:
    "The file is compact JSON (what Okta's exporter writes: no whitespace outside strings, an optional final newline). Pretty-printed files are reported to import too, hence a warning (T7).",
  check({ text, scan }, report) {
    if (text === undefined || scan === undefined || !scan.hasInnerWhitespace) return;
    const { line, column } = lineColumn(text, scan.firstWhitespace);
    report("", `the file is not compact JSON (whitespace at line ${line} column ${column}); Okta writes JSON.stringify output`);
  },
};
