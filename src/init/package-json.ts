/**
 * package.json for a repository of flows: created, or merged into the user's. Scripts and dev dependencies
 * init needs are added when missing; one the user set differently is kept (and reported) unless `--force`.
 * Every other key, and the order of the keys, stays as it was.
 */
import { UserError } from "../util/errors.js";
import { isObject } from "../util/json.js";
import type { InitOptions, PlannedFile } from "./plan.js";
import { SCRIPTS } from "./templates.js";

/** The versions written as dev dependencies: flocode that runs init, and the TypeScript and vitest it is tested with. */
export interface ToolVersions {
  flocode: string;
  typescript: string;
  vitest: string;
}

type Json = Record<string, unknown>;

export function devDependencies(versions: ToolVersions): Record<string, string> {
  return { flocode: `^${versions.flocode}`, typescript: `^${versions.typescript}`, vitest: `^${versions.vitest}` };
}

export function mergePackageJson(existing: string | undefined, options: InitOptions): PlannedFile {
  const path = "package.json";
  const wantedDev = devDependencies(options.versions);
  if (existing === undefined) {
    const pkg = {
      name: options.projectName,
      version: "0.0.0",
      private: true,
      type: "module",
      scripts: { ...SCRIPTS },
      devDependencies: wantedDev,
    };
    return { path, status: "created", content: `${JSON.stringify(pkg, null, 2)}\n` };
  }
  let pkg: unknown;
  try {
    pkg = JSON.parse(existing.replace(/^\uFEFF/, ""));
  } catch (error) {
    throw new UserError(`package.json: not valid JSON (${(error as Error).message}); fix it, then run flocode init again`, 2);
  }
  if (!isObject(pkg)) throw new UserError("package.json: not a JSON object; fix it, then run flocode init again", 2);
  const next: Json = { ...pkg };
  const added: string[] = [];
  const kept: string[] = [];
  const replaced: string[] = [];

  const scripts = section(next, "scripts");
  for (const [name, command] of Object.entries(SCRIPTS)) {
    const current = scripts[name];
    if (current === undefined) {
      scripts[name] = command;
      added.push(`scripts.${name}`);
    } else if (current !== command) {
      if (options.force) {
        scripts[name] = command;
        replaced.push(`scripts.${name}`);
      } else kept.push(`scripts.${name}`);
    }
  }
  const dependencies = isObject(next.dependencies) ? next.dependencies : {};
  const dev = section(next, "devDependencies");
  for (const [name, range] of Object.entries(wantedDev)) {
    // A version the user chose (in either list) is theirs: init only adds what is missing.
    if (dev[name] !== undefined || dependencies[name] !== undefined) continue;
    dev[name] = range;
    added.push(`devDependencies.${name}`);
  }
  if (Object.keys(next.scripts as Json).length === 0 && pkg.scripts === undefined) delete next.scripts;
  if (Object.keys(next.devDependencies as Json).length === 0 && pkg.devDependencies === undefined) delete next.devDependencies;

  const keptNote = kept.length > 0 ? `kept ${kept.join(", ")} (differs: use --force to replace)` : "";
  if (added.length === 0 && replaced.length === 0)
    return kept.length > 0 ? { path, status: "kept", note: keptNote } : { path, status: "unchanged" };
  const notes = [
    added.length > 0 ? `added ${added.join(", ")}` : "",
    replaced.length > 0 ? `replaced ${replaced.join(", ")}` : "",
    keptNote,
  ].filter((n) => n !== "");
  return { path, status: "merged", content: `${JSON.stringify(next, null, indentOf(existing))}\n`, note: notes.join("; ") };
}

/** `pkg[key]` as an object of its own (copied, so that the user's parsed object is never changed). */
function section(pkg: Json, key: string): Json {
  const value = pkg[key];
  if (value !== undefined && !isObject(value))
    throw new UserError(`package.json: "${key}" is not an object; fix it, then run flocode init again`, 2);
  const copy: Json = { ...(value ?? {}) };
  pkg[key] = copy;
  return copy;
}

/** The indentation the file uses (two spaces when it cannot tell). */
function indentOf(text: string): string | number {
  const m = /^\{\r?\n([ \t]+)"/.exec(text);
  return m?.[1] ?? 2;
}
