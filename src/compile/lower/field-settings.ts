/** A custom field's UI settings (`available`, `typeLocked`...), checked: flow files may be plain JavaScript. */
import { DslError } from "../../dsl/errors.js";
import type { CallSite, CustomField } from "../../dsl/types.js";
import type { FieldSettings } from "../../shapes/custom-entry.js";

const FLAGS = ["typeLocked", "optional", "collapsed", "refFlag", "unlabelled"] as const;

export function fieldSettings(c: CustomField, what: string, site: CallSite | undefined): FieldSettings | undefined {
  const out: FieldSettings = {};
  if (c.available !== undefined) {
    if (!Array.isArray(c.available) || !c.available.every((t) => typeof t === "string"))
      throw new DslError(`${what}: available must be a list of type names`, site);
    out.available = [...(c.available as readonly string[])];
  }
  for (const flag of FLAGS) {
    const v = c[flag];
    if (v === undefined) continue;
    if (typeof v !== "boolean") throw new DslError(`${what}: ${flag} must be true or false`, site);
    if (flag === "refFlag") out.ref = v;
    else if (flag === "unlabelled") out.unlabelled = v;
    else out[flag] = v;
  }
  return Object.keys(out).length > 0 ? out : undefined;
}
