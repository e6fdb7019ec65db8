/**
 * The function-card library: every built-in card the simulator runs as a function, keyed by card type
 * (`module:key`). Filled module by module (text.ts, number.ts, date.ts, list.ts, object.ts, json.ts, url.ts,
 * tables.ts, ...); see docs/simulated-cards.md for what is simulated and how it is tested.
 */
import type { CardLibrary } from "../card-function.js";

export const functionCards: CardLibrary = new Map();
