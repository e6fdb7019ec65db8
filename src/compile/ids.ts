import type { IrEntryRef } from "../ir/types.js";
import { shortId, uuidFrom } from "../util/ids.js";

const DANGLING = "\u0000dangling:";

/** Refs that lift could not resolve carry the original id; emit writes it back verbatim. */
export function danglingId(ref: string): string | undefined {
  return ref.startsWith(DANGLING) ? ref.slice(DANGLING.length) : undefined;
}

/** Derived ids: every id of an emitted flopack is a hash of refs (DESIGN.md "Determinism"). */
export const ids = {
  flow: (flowRef: string) => uuidFrom("flow", flowRef),
  folder: (folderRef: string) => uuidFrom("folder", folderRef),
  table: (tableRef: string) => uuidFrom("table", tableRef),
  connection: (connectionRef: string) => uuidFrom("connection", connectionRef),
  inlineFlow: (flowRef: string, path: string) => uuidFrom("inline", flowRef, path),
  inlineFlowId: (flowRef: string, path: string) => uuidFrom("inline-id", flowRef, path),
  card: (flowRef: string, cardRef: string) => danglingId(cardRef) ?? shortId("card", flowRef, cardRef),
  entry: (flowRef: string, cardRef: string, side: "i" | "o", entry: IrEntryRef) =>
    danglingId(entry.key) ?? shortId("entry", flowRef, cardRef, side, entry.group ?? "\u0000", entry.key, String(entry.nth ?? 0)),
  edge: (flowRef: string, scopePath: string, index: number) => shortId("edge", flowRef, scopePath, String(index)),
};
