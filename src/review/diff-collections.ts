/** The pack-level part of a diff: folders, connections and tables, renames paired by what they hold. */
import { canonicalJson } from "./json.js";
import type { Change, Renames } from "./diff-types.js";
import { q, v } from "./diff-text.js";
import type { PackView, TableView } from "./view-types.js";

/**
 * Pairs what is left on both sides after pairing by name: candidates must agree on `group` (the
 * connector, the parent folder...) and, among several, on `likeness`; only unambiguous pairs count.
 */
function pairLeftovers<T>(removed: T[], added: T[], group: (t: T, side: "a" | "b") => string, likeness: (t: T) => string): Array<[T, T]> {
  const pairs: Array<[T, T]> = [];
  const usedB = new Set<T>();
  for (const x of removed) {
    const same = added.filter((y) => !usedB.has(y) && group(y, "b") === group(x, "a"));
    const candidates = same.length === 1 ? same : same.filter((y) => likeness(y) === likeness(x));
    const othersLikeX = removed.filter((r) => group(r, "a") === group(x, "a"));
    if (candidates.length === 1 && (othersLikeX.length === 1 || likeness(candidates[0]!) === likeness(x))) {
      usedB.add(candidates[0]!);
      pairs.push([x, candidates[0]!]);
    }
  }
  return pairs;
}

function parentPath(path: string): string {
  const i = path.lastIndexOf(" / ");
  return i < 0 ? "" : path.slice(0, i);
}

export function diffFolders(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const x = new Map(a.folders.map((f) => [f.path, f]));
  const y = new Map(b.folders.map((f) => [f.path, f]));
  // Renames, shallow folders first so that a child's parent path can be mapped through its parent's rename.
  const depth = (p: string) => p.split(" / ").length;
  const removed = [...x.values()].filter((f) => !y.has(f.path)).sort((p, r) => depth(p.path) - depth(r.path));
  const added = [...y.values()].filter((f) => !x.has(f.path));
  const mapPath = (path: string) => renames.folders.get(path) ?? path;
  for (let d = 1; d <= Math.max(0, ...removed.map((f) => depth(f.path))); d++) {
    const level = removed.filter((f) => depth(f.path) === d);
    const pairs = pairLeftovers(
      level,
      added.filter((f) => depth(f.path) === d),
      (f, side) => (side === "a" ? mapPath(parentPath(f.path)) : parentPath(f.path)),
      (f) => f.description,
    );
    for (const [f, g] of pairs) renames.folders.set(f.path, g.path);
  }
  for (const [path, f] of x) {
    const g = y.get(renames.folders.get(path) ?? path);
    if (!g) out.push({ subject: "folder", kind: "removed", field: path, message: `folder ${q(path)} removed` });
    else {
      if (g.path !== path && g.name !== f.name)
        out.push({
          subject: "folder",
          kind: "renamed",
          field: g.path,
          old: path,
          new: g.path,
          message: `folder ${q(path)} renamed to ${q(g.name)}`,
        });
      if (f.description !== g.description)
        out.push({
          subject: "folder",
          kind: "changed",
          field: g.path,
          old: f.description,
          new: g.description,
          message: `folder ${q(g.path)}: description ${v(f.description)} → ${v(g.description)}`,
        });
    }
  }
  const reached = new Set(renames.folders.values());
  for (const path of y.keys())
    if (!x.has(path) && !reached.has(path)) out.push({ subject: "folder", kind: "added", field: path, message: `folder ${q(path)} added` });
}

export function diffConnections(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const key = (c: { name: string; connector: string }) => `${c.connector}\u0000${c.name}`;
  const x = new Map(a.connections.map((c) => [key(c), c]));
  const y = new Map(b.connections.map((c) => [key(c), c]));
  const removed = [...x.entries()].filter(([k]) => !y.has(k)).map(([, c]) => c);
  const added = [...y.entries()].filter(([k]) => !x.has(k)).map(([, c]) => c);
  const pairs = pairLeftovers(
    removed,
    added,
    (c) => c.connector,
    (c) => c.usedBy.map((f) => renames.flows.get(f) ?? f).join("\u0000"),
  );
  const paired = new Set<unknown>();
  for (const [c, d] of pairs) {
    paired.add(c).add(d);
    renames.connections.set(c.name, d.name);
    out.push({
      subject: "connection",
      kind: "renamed",
      field: d.name,
      old: c.name,
      new: d.name,
      message: `connection ${q(c.name)} (${c.connector}) renamed to ${q(d.name)}`,
    });
  }
  for (const c of removed)
    if (!paired.has(c))
      out.push({
        subject: "connection",
        kind: "removed",
        field: c.name,
        old: c.connector,
        message: `connection ${q(c.name)} (${c.connector}) removed`,
      });
  for (const c of added)
    if (!paired.has(c))
      out.push({
        subject: "connection",
        kind: "added",
        field: c.name,
        new: c.connector,
        message: `connection ${q(c.name)} (${c.connector}) added`,
      });
}

/**
 * Connection data that is not null (a credential) in either file, whether or not it changed: a difference a
 * reviewer must see, so `diff` exits 1 on it. The value is never printed.
 */
export function diffConnectionData(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const before = new Map(a.connections.map((c) => [`${c.connector}\u0000${renames.connections.get(c.name) ?? c.name}`, c]));
  for (const d of b.connections) {
    const c = before.get(`${d.connector}\u0000${d.name}`);
    before.delete(`${d.connector}\u0000${d.name}`);
    if (d.dataDigest === undefined && c?.dataDigest === undefined) continue;
    const what =
      d.dataDigest === undefined
        ? "data removed (hidden)"
        : c?.dataDigest === undefined
          ? "data added (hidden): a flopack must never carry credentials"
          : c.dataDigest !== d.dataDigest
            ? "data changed (hidden): a flopack must never carry credentials"
            : "carries data in both files (hidden): a flopack must never carry credentials";
    out.push({ subject: "connection", kind: "data", field: d.name, message: `connection ${q(d.name)} (${d.connector}): ${what}` });
  }
  for (const c of before.values())
    if (c.dataDigest !== undefined)
      out.push({
        subject: "connection",
        kind: "data",
        field: c.name,
        message: `connection ${q(c.name)} (${c.connector}): carries data (hidden), and is gone from the new file`,
      });
}

export function diffTables(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const x = new Map(a.tables.map((t) => [t.name, t]));
  const y = new Map(b.tables.map((t) => [t.name, t]));
  const columnsOf = (t: TableView) => canonicalJson(t.columns.map((c) => [c.name, c.type]));
  const pairs = pairLeftovers(
    [...x.values()].filter((t) => !y.has(t.name)),
    [...y.values()].filter((t) => !x.has(t.name)),
    () => "",
    columnsOf,
  ).filter(([t, u]) => columnsOf(t) === columnsOf(u));
  for (const [t, u] of pairs) {
    renames.tables.set(t.name, u.name);
    out.push({
      subject: "table",
      kind: "renamed",
      field: u.name,
      old: t.name,
      new: u.name,
      message: `table ${q(t.name)} renamed to ${q(u.name)}`,
    });
  }
  const reached = new Set(renames.tables.values());
  for (const [name, t] of x) {
    const u = y.get(renames.tables.get(name) ?? name);
    if (!u) {
      out.push({ subject: "table", kind: "removed", field: name, message: `table ${q(name)} removed` });
      continue;
    }
    const at = `table ${q(u.name)}`;
    if (t.description !== u.description)
      out.push({
        subject: "table",
        kind: "changed",
        field: u.name,
        old: t.description,
        new: u.description,
        message: `${at}: description ${v(t.description)} → ${v(u.description)}`,
      });
    const folder = t.folder === null ? null : (renames.folders.get(t.folder) ?? t.folder);
    if (folder !== u.folder)
      out.push({
        subject: "table",
        kind: "changed",
        field: u.name,
        old: t.folder,
        new: u.folder,
        message: `${at}: folder ${v(t.folder)} → ${v(u.folder)}`,
      });
    const cx = new Map(t.columns.map((c) => [c.name, c]));
    const cy = new Map(u.columns.map((c) => [c.name, c]));
    for (const [col, c] of cx) {
      const d = cy.get(col);
      if (!d) out.push({ subject: "table", kind: "column", field: u.name, old: col, message: `${at}: column ${q(col)} removed` });
      else if (c.type !== d.type || canonicalJson(c.default) !== canonicalJson(d.default))
        out.push({
          subject: "table",
          kind: "column",
          field: u.name,
          old: { type: c.type, default: c.default },
          new: { type: d.type, default: d.default },
          message: `${at}: column ${q(col)} ${c.type}${c.default === null ? "" : ` = ${v(c.default)}`} → ${d.type}${d.default === null ? "" : ` = ${v(d.default)}`}`,
        });
    }
    for (const col of cy.keys())
      if (!cx.has(col)) out.push({ subject: "table", kind: "column", field: u.name, new: col, message: `${at}: column ${q(col)} added` });
    const orderX = t.columns.map((c) => c.name).filter((c) => cy.has(c));
    const orderY = u.columns.map((c) => c.name).filter((c) => cx.has(c));
    if (orderX.join("\u0000") !== orderY.join("\u0000"))
      out.push({ subject: "table", kind: "column", field: u.name, old: orderX, new: orderY, message: `${at}: columns reordered` });
  }
  for (const name of y.keys())
    if (!x.has(name) && !reached.has(name)) out.push({ subject: "table", kind: "added", field: name, message: `table ${q(name)} added` });
}

/** Flows kept elsewhere (stubs): added, removed, moved in or out of the file, description changed. */
export function diffExternalFlows(a: PackView, b: PackView, renames: Renames, out: Change[]): void {
  const x = new Map(a.externalFlows.map((f) => [f.name, f]));
  const y = new Map(b.externalFlows.map((f) => [f.name, f]));
  const heldBy = (view: PackView, name: string) => view.flows.some((f) => f.name === name);
  for (const [name, f] of x) {
    const g = y.get(renames.flows.get(name) ?? name);
    if (!g) {
      const message = heldBy(b, name)
        ? `flow ${q(name)} is now in the file (it was kept elsewhere, a stub)`
        : `flow kept elsewhere ${q(name)} removed (no stub of it any more)`;
      out.push({ subject: "flow", kind: "removed", flow: name, message });
    } else if (f.description !== g.description)
      out.push({
        subject: "flow",
        kind: "changed",
        flow: g.name,
        field: "description",
        old: f.description,
        new: g.description,
        message: `flow kept elsewhere ${q(g.name)}: description ${v(f.description)} → ${v(g.description)}`,
      });
  }
  for (const [name] of y) {
    if (x.has(name)) continue;
    const message = heldBy(a, name)
      ? `flow ${q(name)} is now kept elsewhere (only its stub is in the file)`
      : `flow kept elsewhere ${q(name)} added (a stub: import it into the org first)`;
    out.push({ subject: "flow", kind: "added", flow: name, message });
  }
}
