/** Which catalog templates a card can be lowered onto: by variant, name, displayed flag and option values. */
import type { CatalogEntry } from "../../catalog/entry.js";
import { optionValues } from "../../catalog/entry.js";
import type { Catalog } from "../../catalog/store.js";
import type { Json } from "../../ir/types.js";
import { jsonEqual } from "../../util/json.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite } from "../../dsl/types.js";
import { modelOf } from "../../shapes/entries.js";

export interface TemplateQuery {
  variant?: string;
  options?: Record<string, Json>;
  name?: string;
  displayed?: boolean;
}

/** The best catalog template for the query (the first candidate). */
export function templateFor(catalog: Catalog, address: string, query: TemplateQuery, site: CallSite | undefined): CatalogEntry {
  return templateCandidates(catalog, address, query, site)[0]!;
}

/** Catalog variants that fit the query, best first (never empty: an error says what is missing). */
export function templateCandidates(catalog: Catalog, address: string, query: TemplateQuery, site: CallSite | undefined): CatalogEntry[] {
  if (query.variant !== undefined) {
    const entry = catalog.get(address, query.variant);
    if (!entry)
      throw new DslError(
        `card ${address} has no catalog variant ${JSON.stringify(query.variant)} (learn it with \`flocode catalog learn\`)`,
        site,
      );
    return [entry];
  }
  let candidates = catalog.variants(address);
  if (candidates.length === 0)
    throw new DslError(`unknown card ${address}: it is not in the catalog (learn it from an export with \`flocode catalog learn\`)`, site);
  if (query.name !== undefined) candidates = candidates.filter((c) => c.name === query.name);
  if (query.displayed !== undefined) candidates = candidates.filter((c) => modelOf(c.template).displayed === query.displayed);
  if (candidates.length === 0)
    throw new DslError(`no catalog template for ${address}${query.name ? ` named ${JSON.stringify(query.name)}` : ""}`, site);
  const asked = Object.entries(query.options ?? {}).filter(([k]) => candidates.some((c) => Object.hasOwn(c.options, k)));
  if (asked.length > 0) {
    const matching = candidates.filter((c) => asked.every(([k, v]) => optionValues(c, k).some((x) => jsonEqual(x, v as Json))));
    if (matching.length === 0) {
      const wanted = asked.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
      const known = candidates.map((c) => JSON.stringify(c.options)).join(", ");
      throw new DslError(
        `no catalog template for ${address} with ${wanted} (known: ${known}); learn one from an export that has it with \`flocode catalog learn\``,
        site,
      );
    }
    candidates = matching;
  }
  return candidates;
}
