/** `flocode build`: compile every target, then write all (atomically) or nothing; print the checklists. */
import { existsSync, readFileSync } from "node:fs";
import { join, relative } from "node:path";
import { writeFileAtomic } from "../util/atomic-write.js";
import { UserError } from "../util/errors.js";
import { DslError, FlowFileErrors } from "../dsl/errors.js";
import { formatFinding } from "../util/finding.js";
import { compileTarget, type CompiledPack } from "../compile/compile.js";
import { isUserFacing } from "../compile/load-source.js";
import { findTargets, type BuildTarget } from "../compile/targets.js";

export interface RunBuildOptions {
  out: string;
  check?: boolean;
  json?: boolean;
  checklist?: boolean;
}

export async function runBuild(paths: readonly string[], options: RunBuildOptions): Promise<number> {
  const targets = findTargets(paths.length > 0 ? paths : ["flows"]);
  if (targets.length === 0) throw new UserError(`no flow files (*.flow.ts) or pack folders found in ${paths.join(", ")}`, 2);
  // Modules loaded after the flow-file loader hooks are registered resolve through the hooks' thread (slower):
  // load what the build needs after compiling first.
  await Promise.all([import("../rules/index.js"), options.checklist === false ? undefined : import("../review/checklist.js")]);
  const built: CompiledPack[] = [];
  const mistakes: BuildMistake[] = [];
  let failed = 0;
  for (const target of targets) {
    try {
      built.push(await compileTarget(target));
    } catch (error) {
      // Anything but a mistake in the flow files is a bug in flocode: main reports it as one.
      if (!isUserFacing(error)) throw error;
      failed++;
      mistakes.push(...mistakesOf(error, target));
    }
  }
  if (failed > 0) {
    const summary = `build failed: ${mistakes.length} ${mistakes.length === 1 ? "mistake" : "mistakes"} in ${failed} of ${targets.length} ${targets.length === 1 ? "target" : "targets"}; nothing was written`;
    if (options.json) process.stdout.write(JSON.stringify({ ok: false, errors: mistakes, summary }) + "\n");
    else {
      for (const m of mistakes) process.stderr.write(`flocode: ${m.text}\n`);
      process.stderr.write(`flocode: ${summary}\n`);
    }
    return 1;
  }
  const files = built.map((b) => ({ path: join(options.out, `${b.target.name}.flopack`), content: b.text, pack: b }));
  if (options.check) {
    const stale = files.filter((f) => !existsSync(f.path) || readFileSync(f.path, "utf8") !== f.content);
    if (options.json)
      process.stdout.write(JSON.stringify({ check: true, stale: stale.map((f) => f.path), upToDate: files.length - stale.length }) + "\n");
    else for (const f of stale) process.stdout.write(`stale: ${f.path} (run flocode build)\n`);
    if (!options.json && stale.length === 0) process.stdout.write(`${files.length} flopack${files.length === 1 ? "" : "s"} up to date\n`);
    return stale.length > 0 ? 1 : 0;
  }
  for (const f of files) writeFileAtomic(f.path, f.content);
  const checklists = options.checklist === false ? [] : await renderChecklists(built);
  if (options.json) {
    process.stdout.write(
      JSON.stringify({
        written: files.map((f) => ({
          file: f.path,
          source: relative(process.cwd(), f.pack.target.file),
          bytes: Buffer.byteLength(f.content),
        })),
        warnings: built.flatMap((b) => b.warnings),
        checklist: checklists.map((c) => ({ file: c.file, items: c.items })),
      }) + "\n",
    );
    return 0;
  }
  for (const f of files) process.stdout.write(`wrote ${f.path}\n`);
  for (const b of built) for (const w of b.warnings) process.stderr.write(formatFinding({ ...w, file: b.target.file }) + "\n");
  for (const c of checklists) process.stdout.write(`\n${c.file}\n${c.text}\n`);
  return 0;
}

/** One mistake of a failed build, as `--json` prints it (`text` is the line printed without --json). */
interface BuildMistake {
  /** The flopack the target would have written (its base name). */
  target: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  text: string;
}

function mistakesOf(error: UserError, target: BuildTarget): BuildMistake[] {
  const errors: readonly UserError[] = error instanceof FlowFileErrors ? error.errors : [error];
  return errors.map((e) => {
    const site = e instanceof DslError ? e.site : undefined;
    const message = e instanceof DslError ? e.detail : e.message;
    return {
      target: target.name,
      ...(site ? { file: site.file, line: site.line, column: site.column } : {}),
      message,
      text: e.message,
    };
  });
}

async function renderChecklists(built: CompiledPack[]): Promise<Array<{ file: string; text: string; items: unknown }>> {
  const { checklist, formatChecklist } = await import("../review/checklist.js");
  return built.map((b) => {
    const items = checklist(b.flopack as Parameters<typeof checklist>[0]);
    return { file: `${b.target.name}.flopack`, items, text: formatChecklist(items) };
  });
}
