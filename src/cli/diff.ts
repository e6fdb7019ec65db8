import { Option, type Command } from "commander";
import { RUN_HELP, runOption } from "./run-option.js";

/** `flocode diff <a> <b>`: card-level semantic diff; exit 0 equal, 1 different, 2 error (like diff(1)). */
export function registerDiff(program: Command): void {
  program
    .command("diff")
    .description("card-level semantic diff of two exports (.flow, .folder, .flopack) or flow sources (ids and storage order are ignored)")
    .argument("<a>", "the old export (or .flow.ts with --run)")
    .argument("<b>", "the new export (or .flow.ts with --run)")
    .addOption(new Option("--format <format>", "output format").choices(["text", "markdown"]).default("text"))
    .option("--json", "machine-readable output: {equal, changes[]}")
    .addOption(runOption())
    .addHelpText(
      "after",
      `
Exit codes: 0 no difference, 1 differences, 2 error.
Examples:
  $ flocode diff old/userOffboarding.flow dist/user-offboarding.flow
  $ flocode diff export.folder flows/keepalive.flow.ts --run --format markdown > comment.md${RUN_HELP}`,
    )
    .action(async (a: string, b: string, opts: { json?: boolean; format: "text" | "markdown"; run?: boolean }) => {
      const { loadReviewInput, mergePacks } = await import("./review-input.js");
      const { buildPackView } = await import("../review/pack-view.js");
      const { diffPacks } = await import("../review/diff.js");
      const { formatDiffText, formatDiffMarkdown } = await import("../review/diff-format.js");
      // One after the other: compiling flow sources registers module hooks, which must not race.
      // Each view is built before the next file is read: the first parsed pack is garbage while the second loads.
      const va = buildPackView(mergePacks(await loadReviewInput(a, { run: opts.run === true })));
      const vb = buildPackView(mergePacks(await loadReviewInput(b, { run: opts.run === true })));
      const result = diffPacks(va, vb);
      if (opts.json) process.stdout.write(JSON.stringify(result, null, 2) + "\n");
      else if (opts.format === "markdown") process.stdout.write(formatDiffMarkdown(result, a, b));
      else process.stdout.write(formatDiffText(result, a, b));
      process.exitCode = result.equal ? 0 : 1;
    });
}
