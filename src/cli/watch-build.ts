/**
 * `flocode build --watch`: builds, then rebuilds what each save affects, until Ctrl-C.
 *
 * - What a save affects: a target is rebuilt when its flow or pack file or any file it imported changes (its module
 *   graph, as the loader reports it on every load); a new flow file or pack folder in the watched paths is built.
 * - Each rebuild loads the changed targets as a new revision (the loader evaluates the file and every user module
 *   it imports afresh, flocode's own modules stay loaded): no new process, no stale module.
 * - A rebuild writes all or nothing, as `build` does; a save with mistakes prints them at file:line:col, writes
 *   nothing (the last good files stay) and watching goes on; the next good save builds again.
 * - After each rebuild: what was written and what changed in the import checklist.
 */
import { createHash } from "node:crypto";
import { watch, readFileSync, statSync, type FSWatcher } from "node:fs";
import { dirname, join, relative, resolve } from "node:path";
import { writeFilesAtomic } from "../util/atomic-write.js";
import { UserError } from "../util/errors.js";
import { withSignalsHeld } from "../util/signals.js";
import { compileTarget, type CompiledPack } from "../compile/compile.js";
import { isUserFacing } from "../compile/load-source.js";
import { findTargets, outputFileName, type BuildTarget } from "../compile/targets.js";
import { colorEnabled, paint, writeLine } from "./color.js";
import { mistakeAnnotation, mistakesOf, renderChecklists, type BuildMistake, type RunBuildOptions } from "./run-build.js";

/** Saves arrive as several events (truncate, write, rename): one rebuild after the burst. */
const SETTLE_MS = 15;

interface TargetState {
  /** The files the target's last load read (its own file included). */
  graph: Set<string>;
  /** Its checklist items at the last good build, without their numbers. */
  checklist?: string[];
}

export async function watchBuild(paths: readonly string[], options: RunBuildOptions): Promise<number> {
  const roots = paths.length > 0 ? paths : ["flows"];
  const color = colorEnabled(process.stdout);
  const states = new Map<string, TargetState>();
  const seen = new Map<string, string>();
  const watchers = new Map<string, FSWatcher>();
  const pending = new Set<string>();
  let timer: NodeJS.Timeout | undefined;
  let running: Promise<void> = Promise.resolve();
  let stop: () => void = () => {};
  const stopped = new Promise<void>((resolve) => (stop = resolve));

  const say = (line: string) => writeLine(process.stdout, line);
  const complain = (line: string) => writeLine(process.stderr, line);

  const rebuild = async (targets: readonly BuildTarget[], trigger: string | undefined) => {
    const started = performance.now();
    if (trigger !== undefined && !options.quiet) say(paint("dim", `change: ${trigger}`, color));
    const built: CompiledPack[] = [];
    const mistakes: BuildMistake[] = [];
    for (const target of targets) {
      const state = states.get(target.file) ?? { graph: new Set<string>() };
      states.set(target.file, state);
      const graph = new Set([target.file]);
      try {
        built.push(await compileTarget(target, { load: { fresh: true, onImport: (_parent, child) => graph.add(child) } }));
        state.graph = graph;
      } catch (error) {
        if (!isUserFacing(error)) throw error;
        // what it imported before the mistake, and what it imported last time: a fix may be in either
        for (const file of graph) state.graph.add(file);
        mistakes.push(...mistakesOf(error, target));
      }
      for (const file of state.graph) remember(file);
    }
    syncWatchers();
    const ms = `${Math.round(performance.now() - started)} ms`;
    if (mistakes.length > 0) {
      for (const m of mistakes) {
        if (options.github) say(mistakeAnnotation(m));
        else complain(paint("red", `flocode: ${m.text}`, color));
      }
      const kept = targets.map((t) => join(options.out, outputFileName(t, options.format)));
      complain(
        paint(
          "red",
          `build failed: ${mistakes.length} ${mistakes.length === 1 ? "mistake" : "mistakes"} (${ms}); nothing was written, the last good files stay: ${kept.join(", ")}`,
          color,
        ),
      );
      return;
    }
    const files = built.map((b) => ({ path: join(options.out, outputFileName(b.target, options.format)), content: b.text }));
    try {
      await withSignalsHeld(() => writeFilesAtomic(files));
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      complain(paint("red", `flocode: ${error.message}`, color));
      return;
    }
    if (options.quiet) return;
    for (const f of files) say(`wrote ${f.path}`);
    if (options.checklist !== false) reportChecklists(await renderChecklists(built, options.format), built);
    say(paint("green", `rebuilt ${built.length} ${built.length === 1 ? "target" : "targets"} in ${ms}`, color));
  };

  const reportChecklists = (lists: Array<{ file: string; text: string }>, built: CompiledPack[]) => {
    lists.forEach((list, i) => {
      const state = states.get(built[i]!.target.file)!;
      const items = checklistLines(list.text);
      const before = state.checklist;
      state.checklist = items;
      if (before === undefined) {
        say(`\n${list.file}\n${list.text}`);
        return;
      }
      const removed = before.filter((l) => !items.includes(l));
      const added = items.filter((l) => !before.includes(l));
      if (removed.length === 0 && added.length === 0) say(paint("dim", `checklist of ${list.file}: unchanged`, color));
      else {
        say(`checklist of ${list.file}:`);
        for (const l of removed) say(paint("red", `  - ${l}`, color));
        for (const l of added) say(paint("green", `  + ${l}`, color));
      }
    });
  };

  /** A file's content hash when last built: events that change nothing (a touch, a second event) are ignored. */
  function remember(file: string): void {
    seen.set(file, contentHash(file));
  }

  function syncWatchers(): void {
    const dirs = new Set<string>();
    for (const state of states.values()) for (const file of state.graph) dirs.add(dirname(file));
    for (const root of roots) {
      const abs = resolve(root);
      dirs.add(isDirectory(abs) ? abs : dirname(abs));
    }
    for (const dir of dirs) {
      if (watchers.has(dir)) continue;
      try {
        const watcher = watch(dir, { recursive: rootDirs().has(dir) }, (_event, name) => {
          if (name) changed(join(dir, name.toString()));
        });
        watcher.on("error", () => {
          watcher.close();
          watchers.delete(dir);
        });
        watchers.set(dir, watcher);
      } catch {
        // a folder that went away: watched again once it is back in a graph
      }
    }
  }

  function rootDirs(): Set<string> {
    return new Set(roots.map((r) => resolve(r)).filter(isDirectory));
  }

  function changed(file: string): void {
    pending.add(file);
    clearTimeout(timer);
    timer = setTimeout(() => {
      const files = [...pending];
      pending.clear();
      running = running.then(() => onChanges(files)).catch(fail);
    }, SETTLE_MS);
  }

  let failure: unknown;
  function fail(error: unknown): void {
    failure = error;
    stop();
  }

  async function onChanges(files: string[]): Promise<void> {
    const real = files.filter((f) => seen.get(f) !== contentHash(f) || !seen.has(f));
    let targets: BuildTarget[];
    try {
      targets = findTargets(roots, options.format);
    } catch (error) {
      if (!(error instanceof UserError)) throw error;
      complain(paint("red", `flocode: ${error.message}`, color));
      return;
    }
    const affected = targets.filter((t) => !states.has(t.file) || real.some((f) => states.get(t.file)!.graph.has(f)));
    const newTargets = affected.filter((t) => !states.has(t.file));
    const changedFiles = real.filter((f) => [...states.values()].some((s) => s.graph.has(f)));
    if (affected.length === 0 || (changedFiles.length === 0 && newTargets.length === 0)) return;
    const trigger = [...changedFiles, ...newTargets.map((t) => t.file)].map((f) => relative(process.cwd(), f)).join(", ");
    await rebuild(affected, trigger);
  }

  const onSignal = () => stop();
  process.on("SIGINT", onSignal);
  process.on("SIGTERM", onSignal);
  try {
    const targets = findTargets(roots, options.format);
    if (targets.length === 0) throw new UserError(`no flow files (*.flow.ts) or pack folders found in ${roots.join(", ")}`, 2);
    await rebuild(targets, undefined);
    if (!options.quiet) say(paint("dim", `watching ${roots.join(", ")} for changes (Ctrl-C to stop)`, color));
    await stopped;
    await running;
  } finally {
    clearTimeout(timer);
    for (const w of watchers.values()) w.close();
    process.off("SIGINT", onSignal);
    process.off("SIGTERM", onSignal);
  }
  if (failure !== undefined) throw failure;
  return 0;
}

/** The checklist's items without their numbers: a line that only moved is not a change. */
function checklistLines(text: string): string[] {
  return text
    .split("\n")
    .map((l) => l.trim().replace(/^\d+\. /, ""))
    .filter((l) => l.trim() !== "" && !/^After importing/.test(l));
}

function contentHash(file: string): string {
  try {
    return createHash("sha256").update(readFileSync(file)).digest("hex");
  } catch {
    return "(gone)";
  }
}

function isDirectory(path: string): boolean {
  try {
    return statSync(path).isDirectory();
  } catch {
    return false;
  }
}
