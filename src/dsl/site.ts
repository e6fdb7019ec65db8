import { fileURLToPath } from "node:url";
import type { CallSite } from "./types.js";

/**
 * The first stack frame outside flocode's own DSL modules: where the user called `flow()`, a card factory,
 * `f.add()`. Used only for error messages; undefined when the stack cannot be read.
 */
export function userCallSite(): CallSite | undefined {
  const stack = new Error().stack;
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const m = /\(?((?:file:\/\/)?[^()\s]+?):(\d+):(\d+)\)?\s*$/.exec(line.trim());
    if (!m) continue;
    let file = m[1]!;
    if (file.startsWith("file://")) {
      try {
        file = fileURLToPath(file);
      } catch {
        continue;
      }
    }
    if (file.startsWith("node:") || file.includes("/node_modules/") || isFlocodeInternal(file)) continue;
    return { file, line: Number(m[2]), column: Number(m[3]) };
  }
  return undefined;
}

function isFlocodeInternal(file: string): boolean {
  return /[\\/](src|lib)[\\/](dsl|cards|compile)[\\/]/.test(file) && !/\.flow\.[cm]?[tj]s$/.test(file);
}

export function formatSite(site: CallSite | undefined): string {
  return site ? `${site.file}:${site.line}:${site.column}` : "";
}
