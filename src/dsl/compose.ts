import { DslError } from "./errors.js";
import { isRef } from "./handle.js";
import { userCallSite } from "./site.js";
import type { CardSpec, CustomField, Input, Ref } from "./types.js";

const COMPOSE = "root:kernel:string:0.0.1:compose";

/**
 * A Compose card from a template literal: `compose\`Hello ${user.firstName}!\``. Each card output becomes a
 * `{{{token}}}` placeholder of the card's text, wired from that output; constants are written into the text.
 */
export function compose(strings: TemplateStringsArray, ...values: Array<Input<string | number | boolean>>): CardSpec<{ output: string }> {
  const site = userCallSite();
  if (!strings || !Array.isArray(strings.raw)) throw new DslError("compose is a template tag: compose`Hello ${name}`", site);
  let text = strings[0] ?? "";
  const customInputs: CustomField[] = [];
  values.forEach((value, i) => {
    if (isRef(value)) {
      const token = `value${customInputs.length + 1}`;
      customInputs.push({
        key: token,
        type: "string",
        value: value as Ref,
        raw: {
          group: null,
          key: token,
          value: { error: false, proxy: false, check: false, type: "string", collection: false, data: "", available: ["string"] },
          required: false,
          ref: false,
          metadata: { index: customInputs.length + 1 },
          flags: "d",
        },
      });
      text += `{{{${token}}}}`;
    } else if (value === null || ["string", "number", "boolean"].includes(typeof value)) {
      text += String(value);
    } else {
      throw new DslError(`compose: value ${i + 1} must be a card output, a string, a number or a boolean`, site);
    }
    text += strings[i + 1] ?? "";
  });
  return Object.freeze({ kind: "card" as const, address: COMPOSE, inputs: { _text_: text }, customInputs, site });
}
