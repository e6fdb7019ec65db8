export type * from "./types.js";
export type { Json, JsonObject } from "../ir/types.js";
