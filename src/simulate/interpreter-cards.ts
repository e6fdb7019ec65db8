/**
 * The one list of card types the interpreter runs itself, never through a CardFunction (card-function.ts):
 * control flow, helper-flow calls and the cards that iterate with them, error handling, waiting, wiring
 * (Compose, Object Expand), triggers and their responses, and the kernel cards that reach outside the run (the
 * HTTP cards, Export Flow), which mocks answer as they answer connector cards. plan.ts gives each card its kind
 * from here (cardKind), the interpreter dispatches on that kind, and docs/simulated-cards.md reads INTERPRETER_CARDS.
 */

/** Which part of the interpreter runs a card ("function": the function library; "connector": the mocks). */
export type CardKind =
  | "start"
  | "noop"
  | "comment"
  | "if"
  | "join"
  | "branch"
  | "continueIf"
  | "assign"
  | "return"
  | "returnRaw"
  | "close"
  | "call"
  | "callAsync"
  | "iterate"
  | "repeat"
  | "tryCatch"
  | "throw"
  | "throwIf"
  | "wait"
  | "expand"
  | "compose"
  | "connector"
  | "function";

/** Kernel cards by the part of the interpreter that runs them. */
const KERNEL_KINDS: Readonly<Record<string, CardKind>> = {
  // branching and flow control
  "control:noop": "noop",
  "control:comment": "comment",
  "control:if": "if",
  "control:join": "join",
  "control:branch": "branch",
  "control:continueIf": "continueIf",
  "control:let": "assign",
  "control:return": "return",
  "control:returnRaw": "returnRaw",
  "control:wait": "wait",
  // error handling
  "control:tryCatch": "tryCatch",
  "control:throw": "throw",
  "control:throwIf": "throwIf",
  // cards that call a helper flow
  "control:spawn": "call",
  "control:run": "callAsync",
  "control:times": "repeat",
  "list:each": "iterate",
  "list:asyncEach": "iterate",
  "list:map": "iterate",
  "list:filter": "iterate",
  "list:reduce": "iterate",
  "object:map": "iterate",
  // wiring
  "string:compose": "compose",
  "object:expand": "expand",
  // API endpoint responses, and the kernel cards that reach outside the run: answered by mocks
  "http:close": "close",
  "http:raw": "connector",
  "http:get": "connector",
  "http:post": "connector",
  "http:put": "connector",
  "http:patch": "connector",
  "http:delete": "connector",
  "utility:exportFlo": "connector",
};

/** Start cards of flows and inline flows (when they are a scope's first card). */
const START_CARDS: ReadonlySet<string> = new Set(["control:callable", "http:accept", "http:delegated", "control:noop"]);

/** Connector cards the simulator runs as functions of the library (Tables work on the run's in-memory tables). */
const LIBRARY_CONNECTORS: ReadonlySet<string> = new Set(["stash"]);

/** Every kernel card type the interpreter runs itself (start cards included). */
export const INTERPRETER_CARDS: ReadonlySet<string> = new Set([...Object.keys(KERNEL_KINDS), ...START_CARDS]);

/**
 * How a card runs, from its `module:key`, whether it is its scope's first card and, for a connector card, the
 * connector's module. Kernel cards the interpreter does not run are the function library's ("function").
 */
export function cardKind(moduleKey: string, isRoot: boolean, connector: string | undefined): CardKind {
  if (isRoot && START_CARDS.has(moduleKey)) return "start";
  if (connector !== undefined) {
    if (moduleKey === "httpfunctions:close") return "close";
    if (isRoot) return "start"; // an event card: the flow's trigger
    return LIBRARY_CONNECTORS.has(connector) ? "function" : "connector";
  }
  return KERNEL_KINDS[moduleKey] ?? "function";
}
