/**
 * `scramble(flopack, seed)`: the same flopack with every generated id regenerated and every storage-only
 * order shuffled. A tool that reads flopacks semantically (show, diff, import, compare) must not see any
 * difference between a flopack and its scrambled copy.
 *
 * Regenerated (each old id gets one new id, used everywhere it occurs): flow uuids, connection, table and
 * folder uuids, card uuids, input/output entry ids, ordering edge ids, inline flow ids. An id is found by
 * where it is defined (map keys, `uuid`, `id`), then every string in the document that equals it is
 * rewritten, in keys and in values: pins keys/targets/inputs, transform keys/dest, orderings, branches,
 * joins, wormholeMethodId, srcMethodId/srcOutputId, `object:expand` names, flo references, config, table
 * and group references, display aliases, and the dot-joined folder `path`.
 *
 * Shuffled (order carries no meaning): data.flos/configs/tables/groups, methods[], orderings, pins (both
 * levels and the link lists), joins, branches, inputs.data, outputs.data. Not touched: the order of
 * orderings' [from, to] pairs, table columns, user values.
 *
 * Pure: the input is not modified; the same seed gives the same output.
 */
import { seededRandom } from "../../src/util/random.js";

const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-4[0-9a-f]{3}-[89ab][0-9a-f]{3}-[0-9a-f]{12}$/;
const SHORT_ALPHABET = "ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789_-";
const HEX = "0123456789abcdef";

type Obj = Record<string, unknown>;

function isObj(v: unknown): v is Obj {
  return typeof v === "object" && v !== null && !Array.isArray(v);
}

function own(o: unknown, key: string): unknown {
  return isObj(o) && Object.hasOwn(o, key) ? o[key] : undefined;
}

function shuffled<T>(list: readonly T[], rand: () => number): T[] {
  const out = [...list];
  for (let i = out.length - 1; i > 0; i--) {
    const j = Math.floor(rand() * (i + 1));
    [out[i], out[j]] = [out[j]!, out[i]!];
  }
  return out;
}

function collectIds(flopack: unknown): Set<string> {
  const ids = new Set<string>();
  const add = (v: unknown) => {
    if (typeof v === "string" && v !== "") ids.add(v);
  };
  const data = own(flopack, "data");
  for (const coll of ["flos", "configs", "tables", "groups"]) {
    const map = own(data, coll);
    if (!isObj(map)) continue;
    for (const [key, value] of Object.entries(map)) {
      add(key);
      add(own(value, "id"));
      if (coll === "flos") visitScope(own(value, "data"));
    }
  }
  function visitScope(fd: unknown): void {
    add(own(fd, "uuid"));
    const inlineId = own(fd, "id");
    if (typeof inlineId === "string") add(inlineId);
    const orderings = own(fd, "orderings");
    if (isObj(orderings)) for (const key of Object.keys(orderings)) add(key);
    const methods = own(fd, "methods");
    if (!Array.isArray(methods)) return;
    for (const m of methods) {
      add(own(m, "uuid"));
      const model = own(own(m, "node"), "model");
      for (const side of ["inputs", "outputs"]) {
        const entries = own(own(model, side), "data");
        if (!isObj(entries)) continue;
        for (const [key, entry] of Object.entries(entries)) {
          add(key);
          add(own(entry, "id"));
          const value = own(entry, "value");
          const inline = own(value, "data");
          if (own(value, "type") === "flo" && isObj(inline)) visitScope(inline);
        }
      }
      const policyFlo = own(own(own(model, "policy"), "error"), "flo");
      if (isObj(policyFlo)) visitScope(policyFlo);
    }
  }
  return ids;
}

function newIdFor(old: string, rand: () => number, taken: Set<string>): string {
  for (;;) {
    let id: string;
    if (UUID.test(old)) {
      const hex = (n: number) => Array.from({ length: n }, () => HEX[Math.floor(rand() * 16)]).join("");
      id = `${hex(8)}-${hex(4)}-4${hex(3)}-${"89ab"[Math.floor(rand() * 4)]}${hex(3)}-${hex(12)}`;
    } else {
      const length = 9 + Math.floor(rand() * 2); // what Okta generates: 9 or 10 characters
      id = Array.from({ length }, () => SHORT_ALPHABET[Math.floor(rand() * SHORT_ALPHABET.length)]).join("");
    }
    if (!taken.has(id)) {
      taken.add(id);
      return id;
    }
  }
}

function remap(value: unknown, mapping: Map<string, string>): unknown {
  if (typeof value === "string") return remapString(value, mapping);
  if (Array.isArray(value)) return value.map((v) => remap(v, mapping));
  if (isObj(value)) {
    return Object.fromEntries(Object.entries(value).map(([k, v]) => [remapString(k, mapping), remap(v, mapping)]));
  }
  return value;
}

function remapString(s: string, mapping: Map<string, string>): string {
  const direct = mapping.get(s);
  if (direct !== undefined) return direct;
  // Folder paths: dot-joined folder ids.
  if (s.includes(".")) {
    const parts = s.split(".");
    if (parts.every((p) => mapping.has(p))) return parts.map((p) => mapping.get(p)!).join(".");
  }
  return s;
}

function shuffleKeys(o: unknown, rand: () => number, each: (v: unknown) => unknown = (v) => v): unknown {
  if (!isObj(o)) return o;
  return Object.fromEntries(shuffled(Object.entries(o), rand).map(([k, v]) => [k, each(v)]));
}

function replaceKey(o: Obj, key: string, fn: (v: unknown) => unknown): Obj {
  if (!Object.hasOwn(o, key)) return o;
  return Object.fromEntries(Object.entries(o).map(([k, v]) => [k, k === key ? fn(v) : v]));
}

function shuffleScope(fd: unknown, rand: () => number): unknown {
  if (!isObj(fd)) return fd;
  let out = replaceKey(fd, "orderings", (o) => shuffleKeys(o, rand));
  out = replaceKey(out, "methods", (ms) => (Array.isArray(ms) ? shuffled(ms, rand).map((m) => shuffleMethod(m, rand)) : ms));
  return out;
}

function shuffleMethod(m: unknown, rand: () => number): unknown {
  if (!isObj(m)) return m;
  let out = replaceKey(m, "pins", (p) =>
    shuffleKeys(p, rand, (targets) => shuffleKeys(targets, rand, (links) => (Array.isArray(links) ? shuffled(links, rand) : links))),
  );
  out = replaceKey(out, "joins", (j) => shuffleKeys(j, rand, (links) => (Array.isArray(links) ? shuffled(links, rand) : links)));
  out = replaceKey(out, "branches", (b) => shuffleKeys(b, rand));
  out = replaceKey(out, "node", (node) =>
    isObj(node)
      ? replaceKey(node, "model", (model) => {
          if (!isObj(model)) return model;
          let mo = model;
          for (const side of ["inputs", "outputs"]) {
            mo = replaceKey(mo, side, (io) =>
              isObj(io)
                ? replaceKey(io, "data", (d) =>
                    shuffleKeys(d, rand, (entry) =>
                      isObj(entry)
                        ? replaceKey(entry, "value", (v) =>
                            isObj(v) && own(v, "type") === "flo" && isObj(own(v, "data"))
                              ? replaceKey(v, "data", (fd) => shuffleScope(fd, rand))
                              : v,
                          )
                        : entry,
                    ),
                  )
                : io,
            );
          }
          mo = replaceKey(mo, "policy", (p) =>
            isObj(p)
              ? replaceKey(p, "error", (e) => (isObj(e) && isObj(own(e, "flo")) ? replaceKey(e, "flo", (fd) => shuffleScope(fd, rand)) : e))
              : p,
          );
          return mo;
        })
      : node,
  );
  return out;
}

export function scramble<T>(flopack: T, seed: number): T {
  const rand = seededRandom(seed);
  const ids = [...collectIds(flopack)].sort();
  const taken = new Set<string>(ids);
  const mapping = new Map<string, string>();
  for (const id of ids) mapping.set(id, newIdFor(id, rand, taken));
  const remapped = remap(flopack, mapping);
  if (!isObj(remapped)) return remapped as T;
  return replaceKey(remapped, "data", (data) => {
    if (!isObj(data)) return data;
    const out = Object.fromEntries(
      Object.entries(data).map(([k, v]) => {
        if (k === "flos")
          return [k, shuffleKeys(v, rand, (flo) => (isObj(flo) ? replaceKey(flo, "data", (fd) => shuffleScope(fd, rand)) : flo))];
        if (k === "configs" || k === "tables" || k === "groups") return [k, shuffleKeys(v, rand)];
        return [k, v];
      }),
    );
    return out;
  }) as T;
}

/** The ids scramble() would regenerate (exported for tests that check nothing was missed). */
export function generatedIds(flopack: unknown): Set<string> {
  return collectIds(flopack);
}
