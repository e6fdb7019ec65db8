import type { Command } from "commander";

interface BuildOptions {
  out: string;
  check?: boolean;
  json?: boolean;
  checklist?: boolean;
}

/** `flocode build [paths...]`: flow files and pack folders → `<out>/<name>.flopack`. */
export function registerBuild(program: Command): void {
  program
    .command("build")
    .description("compile flow files (*.flow.ts) and pack folders (with a pack.ts) into .flopack files")
    .argument("[paths...]", "flow files, pack folders, or folders to search", ["flows"])
    .option("-o, --out <dir>", "output folder", "dist")
    .option("--check", "build in memory and exit 1 when the files in --out differ (CI drift check); writes nothing")
    .option("--no-checklist", "do not print the import checklist")
    .option("--json", "machine-readable output")
    .addHelpText(
      "after",
      `
Each *.flow.ts file becomes <out>/<file name>.flopack with the flow and every helper flow it calls.
A folder with a pack.ts becomes one <out>/<folder name>.flopack holding the pack's flows.
Every flopack is validated before anything is written; if any target fails, nothing is written.
A failed build lists every mistake of each target, in source order, as file:line:col: message (with the
allowed values and the nearest match); --json prints {ok: false, errors: [{target, file, line, column, message}]}.
Exit codes: 0 built, 1 mistakes in flow files (or --check: dist is stale), 2 usage or I/O error, 3 internal error.
Output is byte-for-byte reproducible; \`created\` comes from SOURCE_DATE_EPOCH (else 2000-01-01).

Examples:
  $ flocode build                          # builds flows/ into dist/
  $ flocode build flows/m365-keepalive.flow.ts --out build
  $ flocode build flows/ --check           # exit 1 if dist/ is stale`,
    )
    .action(async (paths: string[], options: BuildOptions) => {
      const { runBuild } = await import("./run-build.js");
      process.exitCode = await runBuild(paths, options);
    });
}
