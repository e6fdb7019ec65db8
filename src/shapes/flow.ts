/** A flow's `flo.data` keys besides its cards (FLOPACK.md §3.1), as most exports write them. */
import type { JsonObject } from "../util/json.js";

/** The `tree` every flow built without a tree has (395 of 560 flows in FLOPACK.md §3.1). */
export const TREE = {
  id: 2,
  name: "empty",
  description: "This flow has been build w/o a tree and uses the newer, async, Addressing module.",
};

/**
 * `flo.data` keys after the 13 core keys, as most exports write them (the corpus's 61 exports: 201 of 282 flows;
 * `actionId: null` is added in 35 flows of 1.5.0 exports, 110 other 1.5.0 flows lack it).
 */
export const DEFAULT_EXTRA_FLOW_KEYS: JsonObject = {
  templateName: null,
  connector_method_meta: { inputs: {}, outputs: {}, options: {} },
  monitor_flo: false,
};
