import type { Command } from "commander";
import { UserError } from "../util/errors.js";

/** Kept in step with DEFAULT_BUILD_FORMAT (compile/targets.ts), which this module does not load for --help. */
const DEFAULT_FORMAT = "console";

interface BuildOptions {
  out: string;
  check?: boolean;
  json?: boolean;
  checklist?: boolean;
  format: string[];
  watch?: boolean;
  quiet?: boolean;
}

/** `--format` may be given twice: one file format (console, flow, folder, flopack) and/or `github` (the report). */
function collectFormat(value: string, previous: string[]): string[] {
  return previous === DEFAULT_FORMATS ? [value] : [...previous, value];
}
const DEFAULT_FORMATS: string[] = [];

/** `flocode build [paths...]`: flow files and pack folders → `<out>/<name>.flow` / `<out>/<name>.folder`. */
export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("compile flow files (*.flow.ts) into .flow files and pack folders (with a pack.ts) into .folder files")
    .argument("[paths...]", "flow files, pack folders, or folders to search", ["flows"])
    .option("-o, --out <dir>", "output folder", "dist")
    .option("--check", "build in memory and exit 1 when the files in --out differ (CI drift check); writes nothing")
    .option(
      "--format <format>",
      `console (default): a .flow file per flow file and a .folder file per pack folder, as Okta's console exports and imports them; flow, folder or flopack: that extension for every target; github: mistakes and warnings as GitHub Actions annotations (give --format twice for both, e.g. --format flopack --format github)`,
      collectFormat,
      DEFAULT_FORMATS,
    )
    .option("-w, --watch", "build, then rebuild what each save affects until Ctrl-C; mistakes are printed and watching goes on")
    .option("-q, --quiet", "print mistakes only (no files-written lines, no checklist, no warnings)")
    .option("--no-checklist", "do not print the import checklist")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Each *.flow.ts file becomes <out>/<file name>.flow with the flow and every helper flow it calls.
A folder with a pack.ts becomes one <out>/<folder name>.folder holding the pack's flows, folders and tables.
These are the files Okta's console exports and imports (Import on a folder takes .flow and .folder files);
--format flopack writes .flopack files instead, as Okta's template repository has them. The content is the
same JSON whatever the extension. A file a target left in another format is removed (--check reports it).
Flows called with externalFlow("name") are written as stubs, as Okta does for flows an export calls.
Every file is validated before anything is written; if any target fails, nothing is written.
A failed build lists every mistake of each target, in source order, as file:line:col: message (with the
allowed values and the nearest match); --json prints {ok: false, errors: [{target, file, line, column, message}]}.
Exit codes: 0 built, 1 mistakes in flow files (or --check: dist is stale), 2 usage or I/O error, 3 internal error.
--watch rebuilds a target when its file or any file it imports is saved (and builds new flow files and packs),
prints what it wrote and what changed in the import checklist, and keeps the last good files when a save has
mistakes. --format github prints mistakes and warnings as GitHub Actions annotations (::error file=…,line=…::…)
so that they show on the lines of a pull request. Color: only on a terminal; NO_COLOR turns it off, FORCE_COLOR on.
Output is byte-for-byte reproducible; \`created\` comes from SOURCE_DATE_EPOCH (else 2000-01-01).

Examples:
  $ flocode build                          # builds flows/ into dist/
  $ flocode build flows/m365-keepalive.flow.ts --out build
  $ flocode build flows/ --check           # exit 1 if dist/ is stale
  $ flocode build --format flopack         # .flopack files, as in Okta's template repository
  $ flocode build --watch                  # rebuild on every save, Ctrl-C to stop
  $ flocode build --check --format github  # in CI: mistakes as annotations on the pull request`,
    )
    .action(async (paths: string[], options: BuildOptions) => {
      const { isBuildFormat } = await import("../compile/targets.js");
      const github = options.format.includes("github");
      const files = options.format.filter((f) => f !== "github");
      if (files.length > 1)
        throw new UserError(`--format takes one file format, not ${files.map((f) => JSON.stringify(f)).join(" and ")}`, 2);
      const format = files[0] ?? DEFAULT_FORMAT;
      if (!isBuildFormat(format))
        throw new UserError(`--format must be console, flow, folder, flopack or github, not ${JSON.stringify(format)}`, 2);
      if (options.watch && (options.check || options.json))
        throw new UserError(`--watch cannot be combined with ${options.check ? "--check" : "--json"}`, 2);
      const run = { ...options, format, github };
      if (options.watch) {
        const { watchBuild } = await import("./watch-build.js");
        process.exitCode = await watchBuild(paths, run);
        return;
      }
      const { runBuild } = await import("./run-build.js");
      process.exitCode = await runBuild(paths, run);
    });
}
