/**
 * Where a wire comes from, as a reviewer reads it: the source card's label and output, with hidden Object Expand
 * cards folded into a field path and wormholes followed to the outer card they hand on.
 */
import { isKernel } from "./address.js";
import { sortedEntries } from "./entries.js";
import { arr, compareStrings, get, getPath, isObject, str } from "./json.js";
import { outputLabels } from "./labels.js";
import type { RawScope } from "./raw-scope.js";
import { canonicalCard, type PackContext } from "./view-context.js";
import { EmbeddedRef, type Ref } from "./view-types.js";

/** Wires nest through expand cards and wormholes; deeper than this is a cycle in a malformed export. */
const MAX_DEPTH = 32;

export function resolveRef(scope: RawScope, src: string, outputId: string, transform: unknown, pack: PackContext, depth: number): Ref {
  const convert = transformConvert(transform);
  const m = scope.methods.get(src);
  const view = scope.views.get(src);
  if (m === undefined || view === undefined || depth > MAX_DEPTH) {
    return { card: null, missing: "(missing card)", output: "?", path: [], convert };
  }
  const outputs = sortedEntries(pack, getPath(m, "node", "model", "outputs", "data"));
  const output = outputs.find((o) => get(o, "id") === outputId);
  if (output === undefined) return { card: view, output: "(missing output)", path: [], convert };
  const meta = get(output, "metadata");

  if (isKernel(view.kind, "object", "expand")) {
    const path = arr(get(meta, "path")).map((p) => String(p));
    if (get(output, "key") === "key") path.push("(keys)");
    const expandInputs = sortedEntries(pack, getPath(m, "node", "model", "inputs", "data"));
    const into = scope.incoming.get(src);
    for (const e of expandInputs) {
      const pin = into?.get(str(get(e, "id")) ?? "")?.[0];
      if (pin) {
        const base = resolveRef(scope, pin.src, pin.output, null, pack, depth + 1);
        return { ...base, path: [...base.path, ...path], convert };
      }
    }
    const srcMethod = str(get(meta, "srcMethodId"));
    const srcOutput = str(get(meta, "srcOutputId"));
    if (srcMethod !== undefined && srcOutput !== undefined && srcMethod !== src) {
      const base = resolveRef(scope, srcMethod, srcOutput, null, pack, depth + 1);
      return { ...base, path: [...base.path, ...path], convert };
    }
    return { card: null, missing: "(unresolved field)", output: path.join("."), path: [], convert };
  }

  // A wormhole: the inline flow's start card hands on a value wired into the owning card outside.
  if (src === scope.rootUuid && scope.parent && scope.owner && get(output, "group") === "context") {
    const key = get(output, "key");
    const ownerInputs = sortedEntries(pack, getPath(scope.ownerMethod, "node", "model", "inputs", "data"));
    const ownerUuid = str(get(scope.ownerMethod, "uuid")) ?? "";
    const hole = ownerInputs.find((e) => get(e, "group") === "context" && get(e, "key") === key);
    if (hole !== undefined) {
      const pin = scope.parent.incoming.get(ownerUuid)?.get(str(get(hole, "id")) ?? "")?.[0];
      if (pin) return { ...resolveRef(scope.parent, pin.src, pin.output, null, pack, depth + 1), convert };
      if (get(getPath(hole, "metadata"), "wormholeMethodId") !== undefined) {
        return { card: null, missing: "(unwired value from outside)", output: "?", path: [], convert };
      }
    }
  }
  const labels = outputLabels(pack, outputs);
  return { card: canonicalCard(pack, view), output: labels.get(output) ?? "?", path: [], convert };
}

/** Constants with wires written inside them (e.g. a Tables "Where Expression" `{methodId, outputId}`) made readable. */
export function embedRefs(value: unknown, scope: RawScope, pack: PackContext, depth: number): unknown {
  if (depth > 64) return value;
  if (Array.isArray(value)) return value.map((v) => embedRefs(v, scope, pack, depth + 1));
  if (!isObject(value)) return value;
  const methodId = get(value, "methodId");
  const outputId = get(value, "outputId");
  if (typeof methodId === "string" && typeof outputId === "string") {
    let s: RawScope | null = scope;
    while (s && !s.methods.has(methodId)) s = s.parent;
    return new EmbeddedRef(resolveRef(s ?? scope, methodId, outputId, null, pack, 0));
  }
  const out: Record<string, unknown> = Object.create(null) as Record<string, unknown>;
  for (const [k, v] of Object.entries(value)) {
    Object.defineProperty(out, k, { value: embedRefs(v, scope, pack, depth + 1), enumerable: true, writable: true, configurable: true });
  }
  return out;
}

/** The conversions on a pin (`convert`, `+forceWrapArray`), sorted and joined; null without any. */
function transformConvert(transform: unknown): string | null {
  if (!isObject(transform)) return null;
  const convs = Object.values(transform)
    .map((t) => {
      const c = str(get(t, "convert")) ?? "?";
      return get(t, "forceWrapArray") === true ? `${c}+forceWrapArray` : c;
    })
    .sort(compareStrings);
  return convs.length > 0 ? convs.join(",") : null;
}

export function compareRefs(a: Ref, b: Ref): number {
  return (
    (a.card?.pos ?? -2) - (b.card?.pos ?? -2) ||
    compareStrings(a.output, b.output) ||
    compareStrings(a.path.join("\u0000"), b.path.join("\u0000")) ||
    compareStrings(a.convert ?? "", b.convert ?? "")
  );
}

export function refText(ref: Ref): string {
  const head = ref.card ? `${ref.card.label}.${ref.output}` : `${ref.missing ?? "(missing)"}${ref.output !== "?" ? "." + ref.output : ""}`;
  return [head, ...ref.path].join(".");
}
