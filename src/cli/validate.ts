import type { Command } from "commander";
import { UserError } from "../util/errors.js";
import { compareFindings, formatFinding, type Finding } from "../util/finding.js";

/**
 * `flocode validate <files...>`: JSON syntax, JSON Schema and the semantic rules, one line per finding:
 * `file: /json/pointer: FP123 orderings-resolve message`. Exit 0 valid (warnings allowed), 1 invalid,
 * 2 usage or I/O error (a missing file or a directory). Every file is reported, whatever the others do.
 */
export function registerValidate(program: Command): void {
  program
    .command("validate")
    .description("check exports (.flow, .folder, .flopack): JSON, JSON Schema and semantic rules (references, start card, schedule…)")
    .argument(
      "[files...]",
      "exports to check: .flow, .folder or .flopack files (any name; pretty-printed or compact, with or without a BOM)",
    )
    .option("--json", "print one JSON object: {valid, files: [{file, valid, errors, warnings, findings}]}")
    .option("--rules", "list every rule (code, slug, severity, description) and exit")
    .option("-q, --quiet", "print errors only, no warnings")
    .option(
      "--format <format>",
      "text (default): one line per finding; github: GitHub Actions annotations (::error file=…,title=FP123 slug::…)",
      "text",
    )
    .addHelpText(
      "after",
      `
Each finding is one line:  <file>: <JSON pointer>: <code> <slug> <message>
  e.g. dist/a.flow: /data/flos/1c9b…/data/orderings/x1/1: FP123 orderings-resolve ordering ends at "abc", which is not a card of this flow
Codes FP0xx: reading, JSON and JSON Schema; FP1xx: errors; FP2xx: warnings. A code never changes meaning.
A summary line goes to stderr, so stdout holds only findings.

Exit codes: 0 all files valid (warnings allowed), 1 some file invalid, 2 usage or I/O error.

Examples:
  $ flocode validate dist/*
  $ flocode validate userOffboarding.flow --quiet    # errors only
  $ flocode validate export.flopack --json | jq '.files[].findings[] | select(.severity == "error")'
  $ flocode validate --rules                         # the rule catalogue (docs/rules.md explains each)
  $ flocode validate dist/* --format github          # in CI: findings as annotations on the pull request`,
    )
    .action(async (files: string[], options: ValidateCliOptions) => {
      process.exitCode = await runValidate(files, options);
    });
}

export interface ValidateCliOptions {
  json?: boolean;
  rules?: boolean;
  quiet?: boolean;
  format?: string;
}

interface FileReport {
  file: string;
  valid: boolean;
  errors: number;
  warnings: number;
  findings: Finding[];
}

/** The body of `flocode validate`; returns the exit code. Heavy modules load here, not at CLI start-up. */
export async function runValidate(files: string[], options: ValidateCliOptions): Promise<number> {
  const [{ DIAGNOSTICS }, { readTextFile }, { RULES }, { validateText }] = await Promise.all([
    import("../format/diagnostics.js"),
    import("../format/parse.js"),
    import("../rules/registry.js"),
    import("../rules/validate.js"),
  ]);
  const out = (s: string) => process.stdout.write(s);
  if (options.rules) {
    const all = [...Object.values(DIAGNOSTICS), ...RULES].map((r) => ({
      code: r.code,
      slug: r.slug,
      severity: r.severity,
      description: r.description,
    }));
    if (options.json) out(JSON.stringify({ rules: all }, null, 2) + "\n");
    else for (const r of all) out(`${r.code} ${r.slug} (${r.severity}): ${r.description}\n`);
    return 0;
  }
  if (files.length === 0) throw new UserError("validate needs at least one file (or --rules); see flocode validate --help", 2);
  const format = options.format ?? "text";
  if (format !== "text" && format !== "github") throw new UserError(`--format must be text or github, not ${JSON.stringify(format)}`, 2);
  const line = format === "github" ? (await import("./github-annotations.js")).findingAnnotation : formatFinding;

  const reports: FileReport[] = [];
  let ioError = false;
  for (const file of files) {
    const read = readTextFile(file);
    let findings = read.ok ? validateText(read.text, file) : read.findings;
    if (findings.some((f) => f.code === DIAGNOSTICS.io.code)) ioError = true;
    if (options.quiet) findings = findings.filter((f) => f.severity === "error");
    findings.sort(compareFindings);
    const errors = findings.filter((f) => f.severity === "error").length;
    reports.push({ file, valid: errors === 0, errors, warnings: findings.length - errors, findings });
  }
  const valid = reports.every((r) => r.valid);
  if (options.json) {
    out(JSON.stringify({ valid, files: reports }, null, 2) + "\n");
  } else {
    for (const r of reports) for (const f of r.findings) out(line(f) + "\n");
    const invalid = reports.filter((r) => !r.valid).length;
    const errors = reports.reduce((n, r) => n + r.errors, 0);
    const warnings = reports.reduce((n, r) => n + r.warnings, 0);
    process.stderr.write(
      `${plural(reports.length, "file")} checked: ${invalid === 0 ? "all valid" : `${invalid} invalid`} (${plural(errors, "error")}, ${plural(warnings, "warning")})\n`,
    );
  }
  return ioError ? 2 : valid ? 0 : 1;
}

function plural(n: number, word: string): string {
  return `${n} ${word}${n === 1 ? "" : "s"}`;
}
