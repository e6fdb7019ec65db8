import { formatFinding, type Finding } from "../../src/util/finding.js";
import { DIAGNOSTICS } from "../../src/format/diagnostics.js";
import { parseFlopackText } from "../../src/format/parse.js";
import { RULES, evidenceSentence, validateFlopack, validateText } from "../../src/rules/index.js";
import { minimal, rich } from "./fixture.js";
import { ERROR_MUTATIONS, WARNING_MUTATIONS } from "./mutations.js";

/**
 * docs/rules.md is generated: every rule's section carries its code, slug, severity, description and an Output
 * block produced by running flocode on the rule's mutation of the self-made fixture (so the example is real and
 * can never go stale). `FLOCODE_UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts` rewrites the file.
 */
const line = (f: Finding) => formatFinding(f);

function diagnosticExample(code: string): { what: string; lines: string[] } | undefined {
  const pack = JSON.stringify(minimal());
  const examples: Record<string, [string, () => Finding[]]> = {
    FP001: [
      "a path that does not exist",
      () => [
        {
          code: "FP001",
          slug: "io-error",
          severity: "error",
          message: "no such file: missing.flopack",
          pointer: "",
          file: "missing.flopack",
        },
      ],
    ],
    FP002: ["an empty file", () => validateText("", "empty.flopack")],
    FP003: [
      "a PNG renamed to .flopack",
      () => [
        {
          code: "FP003",
          slug: "not-text",
          severity: "error",
          message: "file is binary, not JSON text (NUL byte at offset 4)",
          pointer: "",
          file: "image.flopack",
        },
      ],
    ],
    FP004: ["a file cut in half", () => validateText(pack.slice(0, 120), "cut.flopack")],
    FP005: ["200,000 nested brackets", () => validateText("[".repeat(200_000), "deep.flopack")],
    FP006: ["a JSON array", () => validateText("[]", "array.flopack")],
    FP007: ["a number too large (`1e400`)", () => validateText(pack.replace('"_v":2', '"_v":1e400'), "huge.flopack")],
    FP008: [
      "a flow name written twice",
      () =>
        validateText(pack.replace(/"name":("[^"]*")/, '"name":"Old name","name":$1'), "twice.flopack").filter((f) => f.code === "FP008"),
    ],
    FP010: [
      "an unknown version",
      () => {
        const r = parseFlopackText(pack.replace('"1.5.0"', '"2.0.0"'), "version.flopack");
        return r.ok ? [] : r.findings;
      },
    ],
  };
  const e = examples[code];
  return e ? { what: e[0], lines: e[1]().map(line) } : undefined;
}

function ruleExample(code: string): { what: string; lines: string[] } | undefined {
  const m = [...ERROR_MUTATIONS, ...WARNING_MUTATIONS].find((m) => m.code === code);
  if (!m) return undefined;
  const doc = rich();
  m.mutate(doc);
  return {
    what: m.what,
    lines: validateFlopack(doc, { file: "pack.flopack" })
      .filter((f) => f.code === code)
      .slice(0, 2)
      .map(line),
  };
}

export function renderRulesDoc(): string {
  const out: string[] = [
    "<!-- Generated from the rule registry by test/rules/rules-doc.ts (FLOCODE_UPDATE_DOCS=1 npx vitest run test/rules/docs.test.ts). DO NOT EDIT. -->",
    "# flocode validate: rules",
    "",
    "`flocode validate` prints one line per finding: `<file>: <JSON pointer>: <code> <slug> <message>`.",
    "Codes never change meaning and are never reused (retired codes are listed in `src/rules/retired.ts`).",
    "",
    "* **FP0xx**: the file cannot be read, is not JSON, or does not match `schemas/flopack.schema.json`.",
    "* **FP1xx** (errors): properties that hold in every real export (FLOPACK.md §8.1). Any of them makes the file invalid (exit 1).",
    "* **FP2xx** (warnings): properties that usually hold (FLOPACK.md §8.2). Reported, but the file stays valid; `--quiet` hides them.",
    "",
    "The examples below are produced by running the rules on the self-made test fixture after breaking the property.",
    "Each rule says on how many real exports it was checked (`src/rules/evidence.ts`; the corpus tests re-count).",
    "",
  ];
  const entries = [
    ...Object.values(DIAGNOSTICS).map((d) => ({ ...d, example: diagnosticExample(d.code) })),
    ...RULES.map((r) => ({
      code: r.code,
      slug: r.slug,
      severity: r.severity,
      description: r.description,
      evidence: evidenceSentence(r.code, r.severity),
      example: ruleExample(r.code),
    })),
  ];
  out.push("| code | slug | severity |", "|---|---|---|");
  for (const e of entries) out.push(`| [${e.code}](#${e.code.toLowerCase()}-${e.slug}) | ${e.slug} | ${e.severity} |`);
  out.push("");
  for (const e of entries) {
    out.push(`## ${e.code} ${e.slug}`, "", `Severity: **${e.severity}**`, "", e.description, "");
    if ("evidence" in e) out.push(e.evidence, "");
    if (e.example && e.example.lines.length > 0) {
      out.push(`Example (${e.example.what}):`, "", "```", ...e.example.lines, "```", "");
    } else {
      out.push("No example: this finding means a bug in flocode. Please report it with the file that caused it.", "");
    }
  }
  return out.join("\n");
}
