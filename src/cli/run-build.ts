/** `flocode build`: compile every target, then write all (atomically) or nothing; print the checklists. */
import { lstatSync, rmSync } from "node:fs";
import { join, relative } from "node:path";
import { writeFilesAtomic } from "../util/atomic-write.js";
import { readBounded } from "../util/bounded-read.js";
import { withSignalsHeld } from "../util/signals.js";
import { UserError } from "../util/errors.js";
import { DslError, FlowFileErrors } from "../dsl/errors.js";
import { formatFinding } from "../util/finding.js";
import { findingAnnotation, githubAnnotation } from "./github-annotations.js";
import { compileTarget, type CompiledPack } from "../compile/compile.js";
import { isUserFacing } from "../compile/load-source.js";
import { findTargets, outputFileName, type BuildFormat, type BuildTarget } from "../compile/targets.js";

export interface RunBuildOptions {
  out: string;
  check?: boolean;
  json?: boolean;
  checklist?: boolean;
  /** The extensions written (targets.ts): default `.flow` for a flow file and `.folder` for a pack folder. */
  format?: BuildFormat;
  /** Errors only: no files-written lines, no checklist, no warnings. */
  quiet?: boolean;
  /** Mistakes and warnings as GitHub Actions annotations (`::error file=…,line=…::…`) on stdout. */
  github?: boolean;
}

export async function runBuild(paths: readonly string[], options: RunBuildOptions): Promise<number> {
  const targets = findTargets(paths.length > 0 ? paths : ["flows"], options.format);
  if (targets.length === 0) throw new UserError(`no flow files (*.flow.ts) or pack folders found in ${paths.join(", ")}`, 2);
  // Modules loaded after the flow-file loader hooks are registered resolve through the hooks' thread (slower):
  // load what the build needs after compiling first.
  const printsChecklist = options.checklist !== false && !options.quiet;
  await Promise.all([import("../rules/index.js"), printsChecklist ? import("../review/checklist.js") : undefined]);
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
    else if (options.github) {
      for (const m of mistakes) process.stdout.write(mistakeAnnotation(m) + "\n");
      process.stderr.write(`flocode: ${summary}\n`);
    } else {
      for (const m of mistakes) process.stderr.write(`flocode: ${m.text}\n`);
      process.stderr.write(`flocode: ${summary}\n`);
    }
    return 1;
  }
  const files = built.map((b) => ({ path: join(options.out, outputFileName(b.target, options.format)), content: b.text, pack: b }));
  const leftovers = leftoverFiles(options.out, files);
  if (options.check) {
    const stale = files.filter((f) => !holds(f.path, f.content));
    if (options.json)
      process.stdout.write(
        JSON.stringify({
          check: true,
          stale: [...stale.map((f) => f.path), ...leftovers],
          leftovers,
          upToDate: files.length - stale.length,
        }) + "\n",
      );
    else {
      for (const f of stale) process.stdout.write(`stale: ${f.path} (run flocode build)\n`);
      for (const l of leftovers) process.stdout.write(`stale: ${l} (left by a build in another format; flocode build removes it)\n`);
    }
    const bad = stale.length + leftovers.length;
    if (!options.json && bad === 0) process.stdout.write(`${files.length} file${files.length === 1 ? "" : "s"} up to date\n`);
    return bad > 0 ? 1 : 0;
  }
  // all or nothing (an I/O error undoes what was written and names the real path); Ctrl-C waits for the end
  await withSignalsHeld(
    () => {
      writeFilesAtomic(files.map((f) => ({ path: f.path, content: f.content })));
      for (const l of leftovers) rmSync(l, { force: true });
    },
    (signal) => process.stderr.write(`flocode: ${signal}: stopped once all ${files.length} files were written\n`),
  );
  const checklists = printsChecklist ? await renderChecklists(built, options.format) : [];
  if (options.json) {
    process.stdout.write(
      JSON.stringify({
        written: files.map((f) => ({
          file: f.path,
          source: relative(process.cwd(), f.pack.target.file),
          bytes: Buffer.byteLength(f.content),
        })),
        removed: leftovers,
        warnings: built.flatMap((b) => b.warnings),
        checklist: checklists.map((c) => ({ file: c.file, items: c.items })),
      }) + "\n",
    );
    return 0;
  }
  if (options.quiet) return 0;
  for (const f of files) process.stdout.write(`wrote ${f.path}\n`);
  for (const l of leftovers) process.stdout.write(`removed ${l} (left by a build in another format)\n`);
  for (const b of built)
    for (const w of b.warnings)
      if (options.github) process.stdout.write(findingAnnotation({ ...w, file: b.target.file }) + "\n");
      else process.stderr.write(formatFinding({ ...w, file: b.target.file }) + "\n");
  for (const c of checklists) process.stdout.write(`\n${c.file}\n${c.text}\n`);
  return 0;
}

/** Whether `path` holds exactly `content` (read no further than its length: a stream there is not it). */
function holds(path: string, content: string): boolean {
  const read = readBounded(path, { maxBytes: Buffer.byteLength(content), idleMs: 1 });
  return read.ok && read.bytes.toString("utf8") === content;
}

/** One mistake of a failed build, as `--json` prints it (`text` is the line printed without --json). */
export interface BuildMistake {
  /** The base name of the file the target would have written. */
  target: string;
  file?: string;
  line?: number;
  column?: number;
  message: string;
  text: string;
}

/** A mistake as a GitHub annotation, on its line of the flow file. */
export function mistakeAnnotation(m: BuildMistake): string {
  return githubAnnotation({
    level: "error",
    ...(m.file !== undefined ? { file: m.file, line: m.line, column: m.column } : {}),
    title: `flocode build ${m.target}`,
    message: m.message,
  });
}

export function mistakesOf(error: UserError, target: BuildTarget): BuildMistake[] {
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

export async function renderChecklists(
  built: CompiledPack[],
  format: BuildFormat | undefined,
): Promise<Array<{ file: string; text: string; items: unknown }>> {
  const { checklist, formatChecklist } = await import("../review/checklist.js");
  return built.map((b) => {
    const items = checklist(b.flopack as Parameters<typeof checklist>[0]);
    return { file: outputFileName(b.target, format), items, text: formatChecklist(items) };
  });
}

/**
 * Files a target wrote in another format (`dist/x.flopack` beside the `dist/x.flow` this build writes): one
 * target, one file, so `build` removes them and `build --check` reports them. Only the names this target can
 * have written are candidates: `<name>.flopack`, and `<name>.flow` for a flow file or `<name>.folder` for a pack
 * folder (a flow file and a pack folder of one name each keep the other's file). Outputs of this build are kept.
 */
function leftoverFiles(out: string, files: ReadonlyArray<{ path: string; pack: CompiledPack }>): string[] {
  const written = new Set(files.map((f) => f.path));
  const found = new Set<string>();
  for (const f of files) {
    const { name, kind } = f.pack.target;
    for (const ext of ["flopack", kind === "flow" ? "flow" : "folder"]) {
      const other = join(out, `${name}.${ext}`);
      // only a file a build wrote: a folder or a link of that name is the user's
      if (!written.has(other) && isRegularFile(other)) found.add(other);
    }
  }
  return [...found].sort();
}

function isRegularFile(path: string): boolean {
  try {
    return lstatSync(path).isFile();
  } catch {
    return false;
  }
}
