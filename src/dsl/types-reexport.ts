export type * from "./types.js";
export type { Json, JsonObject } from "../util/json.js";
