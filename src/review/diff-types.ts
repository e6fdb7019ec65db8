/** What `flocode diff` reports: changes, each about a flow, card, connection, table or folder. */

export type ChangeKind =
  | "added"
  | "removed"
  | "renamed"
  | "moved"
  | "changed"
  | "option"
  | "constant"
  | "wiring"
  | "transform"
  | "error-policy"
  | "schedule"
  | "trigger"
  | "connection"
  | "data"
  | "call"
  | "text"
  | "version"
  | "comment"
  | "field"
  | "column";

export interface Change {
  /** What the change is about. */
  subject: "flow" | "card" | "connection" | "table" | "folder";
  kind: ChangeKind;
  /** Flow name (the new name when renamed); absent for pack-level subjects. */
  flow?: string;
  /** Card title `label (connector action)` (the new one when it exists). */
  card?: string;
  /** Input, attribute or column the change is about. */
  field?: string;
  old?: unknown;
  new?: unknown;
  message: string;
}

export interface DiffResult {
  equal: boolean;
  changes: Change[];
}

/** Old name → new name of everything paired across a rename, so that references follow renames. */
export interface Renames {
  flows: Map<string, string>;
  folders: Map<string, string>;
  connections: Map<string, string>;
  tables: Map<string, string>;
}
