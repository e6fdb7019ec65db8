import { describe, expect, it } from "vitest";
import { existsSync, readFileSync, writeFileSync } from "node:fs";
import { fileURLToPath } from "node:url";
import { RULES, evidenceSentence } from "../../src/rules/index.js";
import { DIAGNOSTICS } from "../../src/format/diagnostics.js";
import { renderRulesDoc } from "./rules-doc.js";

const DOC = fileURLToPath(new URL("../../docs/rules.md", import.meta.url));

describe("docs/rules.md", () => {
  const expected = renderRulesDoc();
  if (process.env.FLOCODE_UPDATE_DOCS === "1") writeFileSync(DOC, expected);
  const doc = existsSync(DOC) ? readFileSync(DOC, "utf8") : "";

  it("has a section with severity, description and an example output for every registered rule", () => {
    for (const r of [...Object.values(DIAGNOSTICS), ...RULES]) {
      const start = doc.indexOf(`\n## ${r.code} ${r.slug}\n`);
      expect(start, `${r.code} ${r.slug}`).toBeGreaterThan(-1);
      const section = doc.slice(start, doc.indexOf("\n## ", start + 1) === -1 ? undefined : doc.indexOf("\n## ", start + 1));
      expect(section).toContain(`Severity: **${r.severity}**`);
      expect(section).toContain(r.description);
      if (r.code !== DIAGNOSTICS.internal.code) expect(section, `${r.code} example`).toMatch(new RegExp(`: ${r.code} ${r.slug} `));
      if (RULES.includes(r as (typeof RULES)[number]))
        expect(section, `${r.code} evidence`).toContain(evidenceSentence(r.code, r.severity as "error" | "warning"));
    }
  });

  it("is up to date (regenerate with FLOCODE_UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts)", () => {
    expect(doc).toBe(expected);
  });
});
