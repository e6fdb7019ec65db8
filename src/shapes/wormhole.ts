/**
 * The entries of a wormhole (FLOPACK.md §6.3): how outer values enter an inline flow. A wormhole is a pair of
 * hidden `context` fields sharing a key: the *entrance*, an input of the card holding the inline flow (If/ElseIf,
 * If Error), pinned from the outer output; and the *exit*, an input and an output of the inline flow's start card
 * (a Helper Flow callable), whose output is pinned inside. Each end's `metadata.wormholeMethodId` names the card
 * at the other end (written from the IR's links, not here).
 *
 * The shapes are the ones Okta writes, measured on the 61 exports of the corpus: entrances 714 of 715 (398 on
 * If/ElseIf, 316 on If Error; the other is the same with a list type), exit inputs 714 of 715 and exit outputs
 * 714 of 715 (the odd one out also has `ref: true`). Entries carry no `metadata.index` and `value.data` is null.
 */
import type { JsonObject } from "../util/json.js";

export type WormholeEnd = "entrance" | "exitInput" | "exitOutput";

/** The group every wormhole field is in. */
export const WORMHOLE_GROUP = "context";

/** The entry JSON (without `id` and `metadata.wormholeMethodId`) of one end of a wormhole carrying `type`. */
export function wormholeEntry(end: WormholeEnd, key: string, type: string | JsonObject, collection: boolean): JsonObject {
  const metadata: JsonObject = { forceHide: true };
  switch (end) {
    case "entrance":
      return {
        group: WORMHOLE_GROUP,
        key,
        value: { error: false, proxy: false, check: false, type, collection, data: null, available: [] },
        required: false,
        ref: false,
        metadata,
        flags: "d",
      };
    case "exitInput":
      return {
        group: WORMHOLE_GROUP,
        key,
        value: { error: false, type, collection, data: null, available: [] },
        ref: false,
        metadata,
        required: false,
        flags: "d",
      };
    case "exitOutput":
      return { group: WORMHOLE_GROUP, key, value: { error: false, type, collection, data: null, available: [] }, ref: false, metadata };
  }
}

/** Which end of a wormhole a `context` field on `side` of a card is: exits sit on the inline flow's start card. */
export function wormholeEndOf(action: string, side: "inputs" | "outputs"): WormholeEnd | undefined {
  if (action === "callable") return side === "inputs" ? "exitInput" : "exitOutput";
  return side === "inputs" ? "entrance" : undefined;
}
