/** Which catalog templates a card can be lowered onto: by variant, name, displayed flag and option values. */
import type { CatalogEntry } from "../../catalog/entry.js";
import type { Catalog } from "../../catalog/store.js";
import { variantCandidates, type VariantQuery } from "../../catalog/variant-choice.js";
import { DslError } from "../../dsl/errors.js";
import type { CallSite } from "../../dsl/types.js";

export type TemplateQuery = VariantQuery;

/** The best catalog template for the query (the first candidate). */
export function templateFor(catalog: Catalog, address: string, query: TemplateQuery, site: CallSite | undefined): CatalogEntry {
  return templateCandidates(catalog, address, query, site)[0]!;
}

/** Catalog variants that fit the query, best first (never empty: an error says what is missing). */
export function templateCandidates(catalog: Catalog, address: string, query: TemplateQuery, site: CallSite | undefined): CatalogEntry[] {
  const found = variantCandidates(catalog, address, query);
  if (found.ok) return found.candidates;
  switch (found.missing) {
    case "variant":
      throw new DslError(
        `card ${address} has no catalog variant ${JSON.stringify(query.variant)} (learn it with \`flocode catalog learn\`)`,
        site,
      );
    case "card":
      throw new DslError(
        `unknown card ${address}: it is not in the catalog (learn it from an export with \`flocode catalog learn\`)`,
        site,
      );
    case "name":
      throw new DslError(`no catalog template for ${address}${query.name ? ` named ${JSON.stringify(query.name)}` : ""}`, site);
    case "options": {
      const wanted = found.asked.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
      const known = found.known.map((c) => JSON.stringify(c.options)).join(", ");
      throw new DslError(
        `no catalog template for ${address} with ${wanted} (known: ${known}); learn one from an export that has it with \`flocode catalog learn\``,
        site,
      );
    }
  }
}
