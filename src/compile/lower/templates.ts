/** Which catalog templates a card can be lowered onto: by variant, name, displayed flag and option values. */
import type { CatalogEntry } from "../../catalog/entry.js";
import type { Catalog } from "../../catalog/store.js";
import { variantCandidates, type VariantQuery } from "../../catalog/variant-choice.js";
import type { JsonObject } from "../../ir/types.js";
import { DslError } from "../../dsl/errors.js";
import { dataOf, findEntry, modelOf, sideEntries } from "../../shapes/entries.js";
import { jsonEqual } from "../../util/json.js";
import { checkChoiceOf, choicesOf, type Choice } from "./choices.js";
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
      // An option value no variant offers is a value outside the option's choices: say so, naming them.
      for (const [key, value] of found.asked) {
        const entries = found.known.map((c) => optionEntry(c, key)).filter((e) => e !== undefined);
        const choices: Choice[] = [];
        for (const c of entries.flatMap((e) => choicesOf(e) ?? [])) if (!choices.some((x) => jsonEqual(x.value, c.value))) choices.push(c);
        if (entries[0])
          checkChoiceOf(
            choices,
            dataOf(entries[0]),
            value,
            `option ${JSON.stringify(key)} of card ${JSON.stringify(found.known[0]!.name)}`,
            site,
          );
      }
      const wanted = found.asked.map(([k, v]) => `${k}: ${JSON.stringify(v)}`).join(", ");
      const known = found.known.map((c) => JSON.stringify(c.options)).join(", ");
      throw new DslError(
        `no catalog template for ${address} with ${wanted} (known: ${known}); learn one from an export that has it with \`flocode catalog learn\``,
        site,
      );
    }
  }
}

/** The template entry of option `key` of a catalog variant. */
function optionEntry(c: CatalogEntry, key: string): JsonObject | undefined {
  const entries = sideEntries(modelOf(c.template), "inputs");
  const i = findEntry(entries, key);
  return i >= 0 ? entries[i] : undefined;
}
