import type { IrEntryRef, IrLink } from "../ir/types.js";

/** Pack-level id → ref maps. */
export interface PackIndex {
  flows: Map<string, string>;
  folders: Map<string, string>;
  tables: Map<string, string>;
  connections: Map<string, string>;
}

/** Flow-level id → ref maps: every card of the flow, inline flows included, and each card's entries. */
export interface FlowIndex {
  cards: Map<string, string>;
  inputs: Map<string, Map<string, IrEntryRef>>; // card uuid → entry id → ref
  outputs: Map<string, Map<string, IrEntryRef>>;
}

export function link(map: Map<string, string>, id: string): IrLink {
  const ref = map.get(id);
  return ref === undefined ? { dangling: id } : { ref };
}
