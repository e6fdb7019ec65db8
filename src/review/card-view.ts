/** The view of one raw card before its inputs are resolved: kind, name, connection, comment. */
import { isKernel } from "./address.js";
import { get, getPath, isObject, str } from "./json.js";
import { displayName, methodKind } from "./raw-scope.js";
import type { PackContext } from "./view-context.js";
import type { Card } from "./view-types.js";

export function newCard(m: unknown, location: string, pack: PackContext): Card {
  const kind = methodKind(m);
  const model = getPath(m, "node", "model");
  const card: Card = {
    pos: 0,
    label: "",
    name: displayName(m),
    kind,
    options: [],
    constants: [],
    calls: [],
    template: null,
    wires: [],
    fields: [],
    outputs: [],
    errorPolicy: null,
    comment: isKernel(kind, "control", "comment") ? commentText(get(model, "comments")) : null,
    blocks: [],
    location,
  };
  if (!kind.kernel) {
    const cfg = get(model, "config");
    if (typeof cfg === "string") {
      pack.connectionIds.set(card, cfg);
      card.connection = pack.configNames.get(cfg) ?? "(connection not exported)";
    } else if (kind.connector !== "stash") card.connection = null;
  }
  return card;
}

/** A Comment card's text: its title and markdown, one per line. */
export function commentText(c: unknown): string | null {
  if (typeof c === "string") return c;
  if (isObject(c)) {
    const title = str(get(c, "title")) ?? "";
    const md = str(get(c, "markdown")) ?? "";
    return [title, md].filter((s) => s !== "").join("\n");
  }
  return null;
}
