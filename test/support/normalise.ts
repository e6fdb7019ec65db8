/**
 * "The same flopack", as issue 4 defines it: equal after normalising what is generated or cosmetic.
 *
 * Removed: `created`, `checksum`, `version`, flow `tree` and `display`, card `model.display`, entry
 * `metadata.index` / `metadata.ghost` / `_used`, environment numbers (`model.metadata.id`, `partnerChannelKeys`,
 * `parents.*.data.id`), and stale empty `joins` lists.
 * Ids are replaced by what they point to: flows by name, folders/tables/connections by name (+ occurrence),
 * cards by a canonical walk from the root (storage order of `methods` does not matter; see canonicalCardLabels),
 * entries by (card, side, group, key, occurrence), Compose / Expression placeholder tokens by their order in the
 * text (see placeholderTokens), an object-expand card's name (its source's uuid) by that card, its output group
 * ids by the field path each group reads,
 * ordering edges by their [from, to] pair, wormhole keys by what the wormhole carries (see renameWormholeKeys).
 * Everything else is kept and compared.
 */
type Json = null | boolean | number | string | Json[] | { [k: string]: Json };
type Obj = { [k: string]: Json };

const isObj = (v: unknown): v is Obj => typeof v === "object" && v !== null && !Array.isArray(v);

export function normaliseFlopack(input: Json): Json {
  const doc = structuredClone(input) as Obj;
  const data = isObj(doc.data) ? doc.data : {};
  const labels = new Map<string, string>();
  const label = (kind: string, items: Json | undefined, name: (o: Obj) => string): void => {
    if (!isObj(items)) return;
    const seen = new Map<string, number>();
    // Namesakes are numbered by their content without ids, not by storage order.
    const content = (o: Obj): string =>
      JSON.stringify(o, (k, v: unknown) =>
        k === "id" || k === "uuid" || k === "group_id" || k === "group" || k === "path" ? undefined : v,
      );
    const ordered = Object.values(items)
      .filter(isObj)
      .map((o) => ({ o, base: `${kind}:${name(o)}`, c: content(o) }))
      .sort((a, b) => compareText(a.base, b.base) || compareText(a.c, b.c));
    for (const { o, base } of ordered) {
      const n = seen.get(base) ?? 0;
      seen.set(base, n + 1);
      labels.set(String(o.id), n ? `${base}#${n}` : base);
    }
  };
  label("flow", data.flos, (o) => String(o.name));
  label("folder", data.groups, (o) => String(isObj(o.data) ? o.data.name : ""));
  label("table", data.tables, (o) => String(o.name));
  label("connection", data.configs, (o) => `${String(o.name)}/${String(o.module)}`);
  const relabel = (v: Json | undefined): Json => (typeof v === "string" && labels.has(v) ? labels.get(v)! : (v ?? null));
  const rekey = (m: Json | undefined, f: (o: Obj) => Obj): Obj => {
    const out: Obj = {};
    if (isObj(m)) for (const [k, v] of Object.entries(m)) out[relabel(k) as string] = isObj(v) ? f(v) : v;
    return out;
  };

  const flos = rekey(data.flos, (flo) => {
    flo.id = relabel(flo.id);
    if (isObj(flo.data)) flo.data = normaliseFlowData(flo.data, relabel);
    return flo;
  });
  const groups = rekey(data.groups, (g) => {
    g.id = relabel(g.id);
    if (isObj(g.data) && typeof g.data.path === "string")
      g.data.path = g.data.path
        .split(".")
        .map((p) => relabel(p))
        .join(".");
    return g;
  });
  const tables = rekey(data.tables, (t) => {
    t.id = relabel(t.id);
    if (isObj(t.data)) t.data.group_id = relabel(t.data.group_id);
    return t;
  });
  const configs = rekey(data.configs, (c) => {
    c.id = relabel(c.id);
    return c;
  });
  const out: Obj = { type: doc.type ?? null, flags: doc.flags ?? null, data: { ...data, flos, groups, tables, configs } };
  return out;
}

function normaliseFlowData(fd: Obj, relabel: (v: Json | undefined) => Json): Obj {
  fd.uuid = relabel(fd.uuid);
  delete fd.tree;
  delete fd.display;
  fd.group = relabel(fd.group);
  // Card and entry labels, across the flow and its inline flows.
  const cardLabels = new Map<string, string>();
  const entryLabels = new Map<string, Map<string, string>>(); // card uuid → entry id → label
  // Every card uuid of the flow, inline flows included (expand cards are named after their source's uuid).
  const allUuids = new Map<string, Obj>();
  const collect = (scope: Obj, depth: number): void => {
    if (depth > 64) return;
    for (const m of Array.isArray(scope.methods) ? scope.methods.filter(isObj) : []) {
      allUuids.set(String(m.uuid), m);
      const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
      for (const side of ["inputs", "outputs"]) {
        const s = model[side];
        if (!isObj(s) || !isObj(s.data)) continue;
        for (const e of Object.values(s.data)) {
          const v = isObj(e) && isObj(e.value) ? e.value : undefined;
          if (v?.type === "flo" && isObj(v.data) && Array.isArray(v.data.methods)) collect(v.data, depth + 1);
        }
      }
      const err = isObj(model.policy) && isObj(model.policy.error) ? model.policy.error : undefined;
      if (err && isObj(err.flo) && Array.isArray(err.flo.methods)) collect(err.flo, depth + 1);
    }
  };
  collect(fd, 0);
  const expandGroupLabels = new Map<string, Map<string, string>>();
  const index = (scope: Obj, path: string): void => {
    const methods = Array.isArray(scope.methods) ? scope.methods.filter(isObj) : [];
    const labels = canonicalCardLabels(scope, methods, path, allUuids, (s) => relabel(s) !== s);
    // Per card and entry id: the wires on it, by the other end's card label and entry key.
    const wires = new Map<string, string[]>();
    // Generated keys (wormholes, Compose placeholders, Tables filter fields) say nothing: left out.
    const keyOf = (m: Obj | undefined, side: string, id: string): string => {
      const mo = m && isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
      const sd = mo[side];
      const e = isObj(sd) && isObj(sd.data) ? sd.data[id] : undefined;
      if (!isObj(e)) return "?";
      const generated = isWormholeEnd(e) || e.group === "_expr" || (m !== undefined && placeholderTokens(m).has(String(e.key)));
      return `${String(e.group)}/${generated ? "<generated>" : String(e.key)}`;
    };
    const byId = new Map(methods.map((x) => [String(x.uuid), x]));
    for (const m of methods) {
      if (!isObj(m.pins)) continue;
      for (const [outId, targets] of Object.entries(m.pins)) {
        if (!isObj(targets)) continue;
        for (const [t, list] of Object.entries(targets)) {
          const target = byId.get(t);
          for (const p of Array.isArray(list) ? list : []) {
            if (!isObj(p) || typeof p.input !== "string") continue;
            const push = (k: string, v: string): void => void (wires.get(k) ?? wires.set(k, []).get(k)!).push(v);
            push(
              `${String(m.uuid)}\u0000outputs\u0000${outId}`,
              `${target ? labels.get(target) : "?"}.${keyOf(target, "inputs", p.input)}`,
            );
            push(`${t}\u0000inputs\u0000${p.input}`, `${labels.get(m)}.${keyOf(m, "outputs", outId)}`);
          }
        }
      }
    }
    const wiring = (m: Obj, side: string, id: string): string =>
      JSON.stringify((wires.get(`${String(m.uuid)}\u0000${side}\u0000${id}`) ?? []).sort());
    methods.forEach((m) => {
      const cardLabel = labels.get(m)!;
      cardLabels.set(String(m.uuid), cardLabel);
      const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
      const map = new Map<string, string>();
      const groups = m.address === EXPAND ? expandGroups(model, (id) => wiring(m, "outputs", id)) : undefined;
      if (groups) expandGroupLabels.set(String(m.uuid), groups);
      const tokens = placeholderTokens(m);
      for (const side of ["inputs", "outputs"]) {
        const s = model[side];
        const seen = new Map<string, number>();
        if (!isObj(s) || !isObj(s.data)) continue;
        const baseOf = (e: Obj): string => {
          const group = side === "outputs" && typeof e.group === "string" ? (groups?.get(e.group) ?? e.group) : e.group;
          const renamed = side === "inputs" ? renamedKey(e, tokens) : e.key;
          return `${side}:${String(group)}/${renamed !== e.key ? String(renamed) : keyLabel(e)}`;
        };
        // Entries sharing a (group, key) are numbered by what they are and how they are wired, not by storage order.
        const tie = (e: Obj): string => `${JSON.stringify(entryContent(e))}|${wiring(m, side, String(e.id))}`;
        const entries = Object.values(s.data)
          .filter(isObj)
          .map((e) => ({ e, base: baseOf(e) }));
        const counts = new Map<string, number>();
        for (const x of entries) counts.set(x.base, (counts.get(x.base) ?? 0) + 1);
        const ordered = entries
          .map((x) => ({ ...x, t: counts.get(x.base)! > 1 ? tie(x.e) : "" }))
          .sort((a, b) => compareText(a.base, b.base) || compareText(a.t, b.t));
        for (const { e, base } of ordered) {
          const n = seen.get(base) ?? 0;
          seen.set(base, n + 1);
          map.set(String(e.id), n ? `${base}#${n}` : base);
          const v = isObj(e.value) ? e.value : undefined;
          if (v?.type === "flo" && isObj(v.data) && Array.isArray(v.data.methods)) index(v.data, `${cardLabel}>${base}#${n}`);
        }
      }
      entryLabels.set(String(m.uuid), map);
      const err = isObj(model.policy) && isObj(model.policy.error) ? model.policy.error : undefined;
      if (err && isObj(err.flo) && Array.isArray(err.flo.methods)) index(err.flo, `${cardLabel}>policy`);
    });
  };
  // Tables filter fields are keyed by their source output's entry id: labelled by that output (second pass, once
  // every card and output has its label).
  const keyLabel = (e: Obj): string => {
    const method = isObj(e.metadata) ? e.metadata.method : undefined;
    const src = typeof method === "string" ? entryLabels.get(method)?.get(String(e.key)) : undefined;
    return src !== undefined ? `<${cardLabels.get(method as string)!}:${src}>` : String(e.key);
  };
  index(fd, "");
  index(fd, "");
  // Wormhole keys are random: each pair is renamed after what it carries, then entries are labelled again.
  if (
    renameWormholeKeys(
      fd,
      (id) => cardLabels.get(id),
      (cardId, id) => entryLabels.get(cardId)?.get(id),
    )
  ) {
    index(fd, "");
    index(fd, "");
  }
  const card = (id: Json | undefined): Json => (typeof id === "string" && cardLabels.has(id) ? cardLabels.get(id)! : relabel(id));
  const anyEntry = (id: string): string | undefined => {
    for (const [cardId, map] of entryLabels) if (map.has(id)) return `${cardLabels.get(cardId)}:${map.get(id)}`;
    return undefined;
  };
  const entry = (cardId: string, id: Json | undefined): Json =>
    typeof id === "string" ? (entryLabels.get(cardId)?.get(id) ?? `dangling:${id}`) : (id ?? null);

  const normaliseScope = (scope: Obj): void => {
    if ("uuid" in scope && scope !== fd) scope.uuid = "inline";
    // An inline flow's own `id` is generated too (some exports have one).
    if (typeof scope.id === "string" && scope !== fd) scope.id = "inline";
    if (scope !== fd) {
      if (isObj(scope.display) && isObj(scope.display.aliases)) {
        const aliases: Obj = {};
        for (const [k, v] of Object.entries(scope.display.aliases)) aliases[card(k) as string] = v;
        scope.display.aliases = aliases;
      }
    }
    const edges = isObj(scope.orderings) ? Object.values(scope.orderings) : [];
    scope.orderings = edges
      .map((e) => (Array.isArray(e) ? e.map((x) => card(x)) : e))
      .map((e) => JSON.stringify(e))
      .sort() as Json;
    const methods = Array.isArray(scope.methods) ? scope.methods.filter(isObj) : [];
    for (const m of methods) normaliseCard(m);
    // methods[] order is storage, not semantics: compare cards by label.
    scope.methods = methods.sort((a, b) => compareText(String(a.uuid), String(b.uuid)));
  };

  const normaliseCard = (m: Obj): void => {
    const uuid = String(m.uuid);
    m.uuid = card(uuid);
    // Hidden object-expand cards are named after their source card's uuid: compared by the card it names.
    // Their output groups (one per expanded field) have generated ids: compared by the field path they read.
    let groups: Map<string, string> | undefined;
    if (m.address === EXPAND) {
      if (isObj(m.node) && isObj(m.node.data) && typeof m.node.data.name === "string") m.node.data.name = card(m.node.data.name);
      const mm = isObj(m.node) && isObj(m.node.model) ? m.node.model : undefined;
      if (mm && isObj(mm.metadata) && typeof mm.metadata.name === "string") mm.metadata.name = card(mm.metadata.name);
      if (mm) groups = expandGroupLabels.get(uuid) ?? expandGroups(mm);
    }
    if (isObj(m.parents)) for (const p of Object.values(m.parents)) if (isObj(p) && isObj(p.data)) delete p.data.id;
    const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
    delete model.display;
    delete model.partnerChannelKeys;
    if (isObj(model.metadata)) delete model.metadata.id;
    if (typeof model.config === "string") model.config = relabel(model.config);
    renamePlaceholders(m, placeholderTokens(m));
    for (const side of ["inputs", "outputs"]) {
      const s = model[side];
      if (!isObj(s) || !isObj(s.data)) continue;
      const data: Obj = {};
      for (const [id, e] of Object.entries(s.data)) {
        if (!isObj(e)) continue;
        const lab = entry(uuid, id) as string;
        e.id = lab;
        if (side === "outputs" && groups && typeof e.group === "string") e.group = groups.get(e.group) ?? e.group;
        delete e._used;
        if (isObj(e.metadata)) {
          delete e.metadata.index;
          delete e.metadata.ghost;
          if (typeof e.metadata.wormholeMethodId === "string") e.metadata.wormholeMethodId = card(e.metadata.wormholeMethodId);
          if (typeof e.metadata.srcOutputId === "string" && typeof e.metadata.srcMethodId === "string")
            e.metadata.srcOutputId = entry(e.metadata.srcMethodId, e.metadata.srcOutputId);
          if (typeof e.metadata.srcMethodId === "string") e.metadata.srcMethodId = card(e.metadata.srcMethodId);
          // Any other card id an entry holds (a Tables filter field's `method`) is compared by what it points to.
          if (typeof e.metadata.method === "string") {
            e.key = keyLabel(e);
            e.metadata.method = card(e.metadata.method);
          }
        }
        const v = isObj(e.value) ? e.value : undefined;
        if (v && typeof v.data === "string") v.data = card(v.data);
        // Card ids inside constant data (a Tables filter's `rhd.methodId`): by what they point to, so a stale id
        // left in a rebuilt flopack shows as a difference.
        else if (v && v.type !== "flo" && (isObj(v.data) || Array.isArray(v.data))) v.data = relinkCardIds(v.data, card, entry, anyEntry);
        if (v?.type === "flo" && isObj(v.data) && Array.isArray(v.data.methods)) normaliseScope(v.data);
        data[lab] = e;
      }
      s.data = data;
    }
    const err = isObj(model.policy) && isObj(model.policy.error) ? model.policy.error : undefined;
    if (err) {
      if (typeof err.flo === "string") err.flo = relabel(err.flo);
      else if (isObj(err.flo) && Array.isArray(err.flo.methods)) normaliseScope(err.flo);
    }
    // pins: output → target → [{input, transform}]
    const pins: Obj = {};
    if (isObj(m.pins)) {
      for (const [outId, targets] of Object.entries(m.pins)) {
        const o: Obj = {};
        if (isObj(targets)) {
          for (const [t, list] of Object.entries(targets)) {
            // Several pins from one output into one card: their order is storage order.
            o[card(t) as string] = (Array.isArray(list) ? list : [])
              .map((p) => (isObj(p) ? { input: entry(t, p.input), transform: transformOf(p.transform) } : p))
              .sort((a, b) => compareText(JSON.stringify(a), JSON.stringify(b)));
          }
        }
        pins[entry(uuid, outId) as string] = o;
      }
    }
    m.pins = pins;
    const branches: Obj = {};
    if (isObj(m.branches)) for (const [k, v] of Object.entries(m.branches)) branches[card(k) as string] = v;
    m.branches = branches;
    const joins: Obj = {};
    if (isObj(m.joins)) {
      for (const [k, list] of Object.entries(m.joins)) {
        const lab = entry(uuid, k) as string;
        if (Array.isArray(list) && list.length === 0 && lab.startsWith("dangling:")) continue;
        joins[lab] = (Array.isArray(list) ? list : []).map((l) =>
          isObj(l) ? { output: entry(uuid, l.output), transform: transformOf(l.transform) } : l,
        );
      }
    }
    m.joins = joins;
  };
  normaliseScope(fd);
  return fd;
}

/** An entry without its ids and UI caches (what two entries of one key are told apart by). */
function entryContent(e: Obj): Json {
  const { id: _id, _used: _u, group: _g, metadata, ...rest } = e;
  const meta = isObj(metadata)
    ? Object.fromEntries(Object.entries(metadata).filter(([k]) => k !== "index" && k !== "ghost" && !k.endsWith("Id") && k !== "method"))
    : (metadata ?? null);
  return { ...rest, metadata: meta } as Json;
}

/**
 * A copy of `data` with every string that is a card id of the flow replaced by the card's label, and the
 * `outputId` next to a `methodId` by that card's output label.
 */
function relinkCardIds(
  data: Json,
  card: (id: Json | undefined) => Json,
  entry: (cardId: string, id: Json | undefined) => Json,
  anyEntry: (id: string) => string | undefined,
): Json {
  if (typeof data === "string") return card(data);
  if (Array.isArray(data)) return data.map((x) => relinkCardIds(x, card, entry, anyEntry));
  if (isObj(data)) {
    const out: Obj = {};
    for (const [k, v] of Object.entries(data)) out[k] = relinkCardIds(v, card, entry, anyEntry);
    if (typeof data.methodId === "string" && typeof data.outputId === "string") {
      const label = entry(data.methodId, data.outputId);
      if (typeof label === "string" && !label.startsWith("dangling:")) out.outputId = label;
      else {
        // Not an output of that card (a stale reference): the entry it is, wherever it is in the flow; a reference
        // to nothing in the flow compares as such (its value is an id, regenerated like any other).
        out.outputId = `stale:${anyEntry(data.outputId) ?? "?"}`;
      }
    }
    return out;
  }
  return data;
}

const COMMENT = "root:kernel:control:0.0.1:comment";
const EXPAND = "root:kernel:object:0.0.1:expand";
/** Cards whose `_text_` input holds `{{{token}}}` placeholders, each token a sibling input's key (FLOPACK.md §6.7). */
const PLACEHOLDER_CARDS = new Set(["root:kernel:string:0.0.1:compose", "root:kernel:math:0.0.1:expression"]);
const PLACEHOLDER = /\{\{\{([^{}]*)\}\}\}/g;

/**
 * A Compose / Expression card's placeholder tokens (generated ids) → canonical names by first occurrence in the
 * text: `{{{a}}} and {{{b}}}` and `{{{x}}} and {{{y}}}` read alike when a and x (b and y) are wired alike.
 * Only `{{{token}}}`s naming a sibling input (group null) are placeholders; other braces stay text.
 */
function placeholderTokens(m: Obj): Map<string, string> {
  const tokens = new Map<string, string>();
  if (!PLACEHOLDER_CARDS.has(String(m.address))) return tokens;
  const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
  const inputs = isObj(model.inputs) && isObj(model.inputs.data) ? Object.values(model.inputs.data).filter(isObj) : [];
  const text = inputs.find((e) => e.key === "_text_" && e.group === null);
  const data = text && isObj(text.value) ? text.value.data : undefined;
  if (typeof data !== "string") return tokens;
  const siblings = new Set(inputs.filter((e) => e !== text && e.group === null && typeof e.key === "string").map((e) => e.key as string));
  for (const match of data.matchAll(PLACEHOLDER)) {
    const token = match[1]!;
    if (siblings.has(token) && !tokens.has(token)) tokens.set(token, `{placeholder ${tokens.size + 1}}`);
  }
  return tokens;
}

/** The key an input is compared by: a placeholder's canonical name, else its own key. */
function renamedKey(e: Obj, tokens: Map<string, string>): Json {
  return e.group === null && typeof e.key === "string" && e.key !== "_text_" && tokens.has(e.key) ? tokens.get(e.key)! : (e.key ?? null);
}

/**
 * Renames the placeholders of a card in place: sibling keys, and the text, which becomes a list of literal
 * strings and `{ placeholder: n }` objects (so that no text can pass for a renamed placeholder).
 */
function renamePlaceholders(m: Obj, tokens: Map<string, string>): void {
  if (tokens.size === 0) return;
  const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
  const inputs = isObj(model.inputs) && isObj(model.inputs.data) ? Object.values(model.inputs.data).filter(isObj) : [];
  for (const e of inputs) {
    if (e.key === "_text_" && e.group === null && isObj(e.value) && typeof e.value.data === "string") {
      const parts: Json[] = [];
      let from = 0;
      for (const match of e.value.data.matchAll(PLACEHOLDER)) {
        const name = tokens.get(match[1]!);
        if (name === undefined) continue;
        parts.push(e.value.data.slice(from, match.index), { placeholder: name });
        from = match.index + match[0].length;
      }
      parts.push(e.value.data.slice(from));
      e.value.data = parts;
    } else e.key = renamedKey(e, tokens);
  }
}

function compareText(a: string, b: string): number {
  return a < b ? -1 : a > b ? 1 : 0;
}

/**
 * Labels for the cards of one scope that do not depend on storage order: a walk from the root (branch heads
 * true first, then edge targets ordered by address and name), numbered in visit order; cards the walk does not
 * reach are labelled by their content (address, name, comment text) and occurrence.
 */
function canonicalCardLabels(
  scope: Obj,
  methods: Obj[],
  path: string,
  uuids: Map<string, Obj>,
  isGenerated: (s: string) => boolean,
): Map<Obj, string> {
  const byUuid = new Map(methods.map((m) => [String(m.uuid), m]));
  const out = new Map<string, string[]>();
  const incoming = new Set<string>();
  for (const e of isObj(scope.orderings) ? Object.values(scope.orderings) : []) {
    if (!Array.isArray(e) || e.length !== 2) continue;
    const [a, b] = e.map(String) as [string, string];
    if (!byUuid.has(a) || !byUuid.has(b) || a === b) continue;
    (out.get(a) ?? out.set(a, []).get(a)!).push(b);
    incoming.add(b);
  }
  const heads = new Set<string>();
  for (const m of methods) if (isObj(m.branches)) for (const h of Object.keys(m.branches)) heads.add(h);
  // What feeds each card (source address and name, output key → input key): tells apart cards alike in all else.
  const fed = new Map<string, string[]>();
  const feeding = new Map<string, string[]>();
  const entryKey = (m: Obj | undefined, side: string, id: string): string => {
    const model = m && isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
    const sd = model[side];
    const e = isObj(sd) && isObj(sd.data) ? sd.data[id] : undefined;
    return isObj(e) ? `${String(e.group)}/${String(e.key)}` : "?";
  };
  for (const m of methods) {
    if (!isObj(m.pins)) continue;
    const srcName = isObj(m.node) && isObj(m.node.data) ? String(m.node.data.name) : "";
    for (const [outId, targets] of Object.entries(m.pins)) {
      if (!isObj(targets)) continue;
      for (const [t, list] of Object.entries(targets)) {
        for (const p of Array.isArray(list) ? list : []) {
          if (!isObj(p) || typeof p.input !== "string") continue;
          const s = `${String(m.address)}|${uuids.has(srcName) ? "<card>" : srcName}.${entryKey(m, "outputs", outId)}>${entryKey(byUuid.get(t), "inputs", p.input)}`;
          (fed.get(t) ?? fed.set(t, []).get(t)!).push(s);
          const target = byUuid.get(t);
          const targetName = target && isObj(target.node) && isObj(target.node.data) ? String(target.node.data.name) : "";
          const o = `${entryKey(m, "outputs", outId)}>${String(target?.address)}|${uuids.has(targetName) ? "<card>" : targetName}.${entryKey(target, "inputs", p.input)}`;
          (feeding.get(String(m.uuid)) ?? feeding.set(String(m.uuid), []).get(String(m.uuid))!).push(o);
        }
      }
    }
  }
  const key = (m: Obj): string => {
    const name = isObj(m.node) && isObj(m.node.data) ? String(m.node.data.name) : "";
    // Ties (e.g. two expand cards of one source) are told apart by what they read: input keys, output paths.
    const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
    const sig = (side: string, f: (e: Obj) => Json): string => {
      const sd = model[side];
      // Entries in storage order would make labels depend on it: sorted.
      return isObj(sd) && isObj(sd.data)
        ? JSON.stringify(
            Object.values(sd.data)
              .filter(isObj)
              .map((e) => JSON.stringify(f(e)))
              .sort(),
          )
        : "";
    };
    const paths = sig("outputs", (e) => [
      String(e.group === null ? "" : "g"),
      String(e.key),
      isObj(e.metadata) ? (e.metadata.path ?? null) : null,
    ]);
    const tokens = placeholderTokens(m);
    const inputs = sig("inputs", (e) => (isWormholeEnd(e) ? "<wormhole>" : String(renamedKey(e, tokens))));
    // Constants tell apart cards that differ only in what they are given (ids left out: they are regenerated).
    const constants = sig("inputs", (e) => {
      const d = isObj(e.value) ? e.value.data : null;
      if (typeof d === "string") return uuids.has(d) || isGenerated(d) ? "<id>" : d.slice(0, 60);
      return typeof d === "number" || typeof d === "boolean" ? d : null;
    });
    const feeds = JSON.stringify([(fed.get(String(m.uuid)) ?? []).sort(), (feeding.get(String(m.uuid)) ?? []).sort()]);
    return `${String(m.address)}|${uuids.has(name) || m.address === EXPAND ? "<card>" : name}|${m.address === EXPAND ? `${paths}${sourceOf(model, uuids)}` : ""}|${inputs.length < 200 ? inputs : ""}|${constants.length < 400 ? constants : ""}|${feeds.length < 400 ? feeds : ""}`;
  };
  const labels = new Map<Obj, string>();
  let n = 0;
  const roots = methods.filter((m) => !incoming.has(String(m.uuid)) && !heads.has(String(m.uuid)) && m.address !== COMMENT);
  const stack = [...roots].sort((a, b) => compareText(key(b), key(a)));
  while (stack.length > 0) {
    const m = stack.pop()!;
    if (labels.has(m)) continue;
    labels.set(m, `${path}#${n++}`);
    const branchHeads = isObj(m.branches)
      ? Object.entries(m.branches)
          .sort((a, b) => Number(b[1] === true) - Number(a[1] === true))
          .map(([h]) => h)
      : [];
    const next = [
      ...branchHeads.map((h) => byUuid.get(h)),
      ...[...(out.get(String(m.uuid)) ?? [])].map((t) => byUuid.get(t)).sort((a, b) => compareText(key(a!), key(b!))),
    ].filter((x): x is Obj => x !== undefined && !labels.has(x));
    for (let i = next.length - 1; i >= 0; i--) stack.push(next[i]!);
  }
  const seen = new Map<string, number>();
  for (const m of methods) {
    if (labels.has(m)) continue;
    const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
    const base = `${path}#u:${key(m)}:${JSON.stringify(model.comments ?? null)}`;
    const k = seen.get(base) ?? 0;
    seen.set(base, k + 1);
    labels.set(m, k ? `${base}#${k}` : base);
  }
  return labels;
}

/**
 * The output groups of an expand card, labelled by the field path their entries carry (`metadata.path`),
 * plus an occurrence number when two groups read the same path.
 */
function expandGroups(model: Obj, wiring: (id: string) => string = () => ""): Map<string, string> {
  const out = new Map<string, string>();
  const seen = new Map<string, number>();
  const entries = isObj(model.outputs) && isObj(model.outputs.data) ? Object.values(model.outputs.data).filter(isObj) : [];
  // A path read twice: its groups are numbered by how their outputs are wired, not by storage order.
  const groups = new Map<string, { base: string; tie: string[] }>();
  for (const e of entries) {
    if (typeof e.group !== "string") continue;
    const g =
      groups.get(e.group) ??
      groups.set(e.group, { base: `field:${JSON.stringify(isObj(e.metadata) ? (e.metadata.path ?? null) : null)}`, tie: [] }).get(e.group)!;
    g.tie.push(`${String(e.key)}:${wiring(String(e.id))}`);
  }
  const ordered = [...groups].sort(
    ([, a], [, b]) => compareText(a.base, b.base) || compareText(JSON.stringify(a.tie.sort()), JSON.stringify(b.tie.sort())),
  );
  for (const [group, { base }] of ordered) {
    const n = seen.get(base) ?? 0;
    seen.set(base, n + 1);
    out.set(group, n ? `${base}#${n}` : base);
  }
  return out;
}

/** What an expand card reads: its source card's address and the (group, key) of the source output. */
function sourceOf(model: Obj, uuids: Map<string, Obj>): string {
  const inputs = isObj(model.inputs) && isObj(model.inputs.data) ? Object.values(model.inputs.data).filter(isObj) : [];
  for (const e of inputs) {
    const md = isObj(e.metadata) ? e.metadata : {};
    if (typeof md.srcMethodId !== "string" || typeof md.srcOutputId !== "string") continue;
    const src = uuids.get(md.srcMethodId);
    const sm = src && isObj(src.node) && isObj(src.node.model) ? src.node.model : {};
    const out = isObj(sm.outputs) && isObj(sm.outputs.data) ? sm.outputs.data[md.srcOutputId] : undefined;
    return `<${String(src?.address)}:${isObj(out) ? `${String(out.group)}/${String(out.key)}` : "?"}>`;
  }
  return "";
}

/** A transform compared by its conversion (its key and `dest` are the source output id). */
function transformOf(t: Json | undefined): Json {
  if (!isObj(t)) return t ?? null;
  const first = Object.values(t)[0];
  return isObj(first) ? { convert: first.convert ?? null, forceWrapArray: first.forceWrapArray ?? null } : null;
}

/** The first difference between two JSON values (object key order ignored), as a path and both values. */
export function firstDifference(a: Json, b: Json, path = ""): string | undefined {
  if (a === b) return undefined;
  if (typeof a !== typeof b || a === null || b === null || typeof a !== "object") {
    return `${path || "/"}: ${short(a)} ≠ ${short(b)}`;
  }
  if (Array.isArray(a) !== Array.isArray(b)) return `${path}: array vs object`;
  if (Array.isArray(a) && Array.isArray(b)) {
    for (let i = 0; i < Math.max(a.length, b.length); i++) {
      const d = firstDifference(a[i] ?? null, b[i] ?? null, `${path}/${i}`);
      if (d) return d;
    }
    return undefined;
  }
  const ao = a as Obj;
  const bo = b as Obj;
  for (const k of new Set([...Object.keys(ao), ...Object.keys(bo)])) {
    if (!(k in ao)) return `${path}/${k}: missing on the left (right: ${short(bo[k]!)})`;
    if (!(k in bo)) return `${path}/${k}: missing on the right (left: ${short(ao[k]!)})`;
    const d = firstDifference(ao[k]!, bo[k]!, `${path}/${k}`);
    if (d) return d;
  }
  return undefined;
}

function short(v: Json | undefined): string {
  const s = JSON.stringify(v);
  return s === undefined ? "undefined" : s.length > 120 ? s.slice(0, 117) + "..." : s;
}

const isWormholeEnd = (e: Obj): boolean => isObj(e.metadata) && typeof e.metadata.wormholeMethodId === "string";

/**
 * Wormhole pairs (FLOPACK.md §6.3) share a random key: an entrance on the card holding an inline flow and an exit
 * (input + output) on the inline flow's start card. Each pair's key becomes `wormhole(<source> -> <start card>)`,
 * the source being the output pinned into the entrance (itself named so when it is an outer wormhole's exit), so
 * that renamed keys compare equal and a wormhole rewired to another output does not. Pairs carrying the same
 * output into the same start card are told apart by where their exits are pinned inside, then by storage order.
 * Returns whether anything was renamed.
 */
function renameWormholeKeys(
  fd: Obj,
  cardLabel: (uuid: string) => string | undefined,
  entryLabel: (uuid: string, id: string) => string | undefined,
): boolean {
  interface End {
    card: Obj;
    depth: number;
    side: string;
    entry: Obj;
  }
  const cards = new Map<string, { m: Obj; depth: number }>();
  const walk = (scope: Obj, depth: number): void => {
    if (depth > 64) return;
    for (const m of Array.isArray(scope.methods) ? scope.methods.filter(isObj) : []) {
      cards.set(String(m.uuid), { m, depth });
      const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
      for (const side of ["inputs", "outputs"]) {
        const sd = model[side];
        for (const e of isObj(sd) && isObj(sd.data) ? Object.values(sd.data).filter(isObj) : []) {
          const v = isObj(e.value) ? e.value : undefined;
          if (v?.type === "flo" && isObj(v.data) && Array.isArray(v.data.methods)) walk(v.data, depth + 1);
        }
      }
      const err = isObj(model.policy) && isObj(model.policy.error) ? model.policy.error : undefined;
      if (err && isObj(err.flo) && Array.isArray(err.flo.methods)) walk(err.flo, depth + 1);
    }
  };
  walk(fd, 0);
  // Pairs: the ends sharing a key between two cards that name each other.
  const pairs = new Map<string, End[]>();
  for (const [uuid, { m, depth }] of cards) {
    const model = isObj(m.node) && isObj(m.node.model) ? m.node.model : {};
    for (const side of ["inputs", "outputs"]) {
      const sd = model[side];
      for (const e of isObj(sd) && isObj(sd.data) ? Object.values(sd.data).filter(isObj) : []) {
        if (!isWormholeEnd(e) || typeof e.key !== "string") continue;
        const other = String((e.metadata as Obj).wormholeMethodId);
        const id = `${[uuid, other].sort().join("\u0000")}\u0000${e.key}`;
        (pairs.get(id) ?? pairs.set(id, []).get(id)!).push({ card: m, depth, side, entry: e });
      }
    }
  }
  // Pins by target: (target uuid, input id) → sources (card uuid, output id); and by source output.
  const pinsInto = new Map<string, Array<{ card: string; output: string }>>();
  const pinsFrom = new Map<string, Array<{ card: string; input: string }>>();
  for (const [uuid, { m }] of cards) {
    if (!isObj(m.pins)) continue;
    for (const [outId, targets] of Object.entries(m.pins)) {
      if (!isObj(targets)) continue;
      for (const [t, list] of Object.entries(targets)) {
        for (const p of Array.isArray(list) ? list.filter(isObj) : []) {
          const k = `${t}\u0000${String(p.input)}`;
          (pinsInto.get(k) ?? pinsInto.set(k, []).get(k)!).push({ card: uuid, output: outId });
          const from = `${uuid}\u0000${outId}`;
          (pinsFrom.get(from) ?? pinsFrom.set(from, []).get(from)!).push({ card: t, input: String(p.input) });
        }
      }
    }
  }
  const names = new Map<string, string>();
  const pairOfEnd = new Map<string, string>(); // (card uuid, entry id) → pair id
  for (const [id, ends] of pairs) for (const e of ends) pairOfEnd.set(`${String(e.card.uuid)}\u0000${String(e.entry.id)}`, id);
  const entranceOf = (ends: End[]): End | undefined => {
    const ins = ends.filter((e) => e.side === "inputs");
    const outer = Math.min(...ends.map((e) => e.depth));
    const found = ins.filter((e) => e.depth === outer);
    return found.length === 1 && ends.some((e) => e.depth > outer) ? found[0] : undefined;
  };
  const nameOf = (id: string, depth = 0): string => {
    const known = names.get(id);
    if (known !== undefined) return known;
    const ends = pairs.get(id)!;
    const entrance = entranceOf(ends);
    const start = ends.find((e) => e.depth > (entrance?.depth ?? Infinity));
    const sources = entrance ? (pinsInto.get(`${String(entrance.card.uuid)}\u0000${String(entrance.entry.id)}`) ?? []) : [];
    const source = sources
      .map((s) => {
        const outer = pairOfEnd.get(`${s.card}\u0000${s.output}`);
        if (outer !== undefined && depth < 64) return nameOf(outer, depth + 1);
        return `${cardLabel(s.card) ?? s.card}:${entryLabel(s.card, s.output) ?? s.output}`;
      })
      .sort()
      .join("+");
    const name = `wormhole(${source || "unwired"} -> ${start ? (cardLabel(String(start.card.uuid)) ?? "?") : "?"})`;
    names.set(id, name);
    return name;
  };
  const base = new Map<string, string[]>();
  for (const id of pairs.keys()) {
    if (!entranceOf(pairs.get(id)!)) continue;
    const name = nameOf(id);
    (base.get(name) ?? base.set(name, []).get(name)!).push(id);
  }
  let renamed = false;
  for (const [name, ids] of base) {
    // Where each pair's exit is pinned inside, to tell apart pairs carrying the same output.
    const use = (id: string): string =>
      pairs
        .get(id)!
        .filter((e) => e.side === "outputs")
        .flatMap((e) => pinsFrom.get(`${String(e.card.uuid)}\u0000${String(e.entry.id)}`) ?? [])
        .map((t) => {
          const inner = pairOfEnd.get(`${t.card}\u0000${t.input}`);
          return `${cardLabel(t.card) ?? t.card}:${inner !== undefined ? nameOf(inner) : (entryLabel(t.card, t.input) ?? "?")}`;
        })
        .sort()
        .join(",");
    const ordered = ids.length > 1 ? [...ids].sort((a, b) => compareText(use(a), use(b))) : ids;
    ordered.forEach((id, n) => {
      for (const e of pairs.get(id)!) e.entry.key = n ? `${name}#${n}` : name;
      renamed = true;
    });
  }
  return renamed;
}
