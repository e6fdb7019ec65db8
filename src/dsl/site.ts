import type { CallSite } from "./types.js";
import { parseFrame } from "./call-site.js";

/**
 * The first stack frame outside flocode's own DSL modules: where the user called `flow()`, a card factory,
 * `f.add()`. Used only for error messages; undefined when the stack cannot be read.
 */
export function userCallSite(): CallSite | undefined {
  const stack = new Error().stack;
  if (!stack) return undefined;
  for (const line of stack.split("\n").slice(1)) {
    const site = parseFrame(line);
    if (!site) continue;
    if (site.file.startsWith("node:") || site.file.includes("/node_modules/") || isFlocodeInternal(site.file)) continue;
    return site;
  }
  return undefined;
}

function isFlocodeInternal(file: string): boolean {
  return /[\\/](src|lib)[\\/](dsl|cards|compile)[\\/]/.test(file) && !/\.flow\.[cm]?[tj]s$/.test(file);
}
