/**
 * Card types the interpreter runs itself, never through a CardFunction (card-function.ts): control flow,
 * helper-flow calls and the cards that iterate with them, error handling, waiting, wiring (Compose, Object
 * Expand), triggers and their responses, and the HTTP cards that the HTTP-boundary mocks answer.
 * docs/simulated-cards.md reads this list; the interpreter dispatches on it.
 */
export const INTERPRETER_CARDS: ReadonlySet<string> = new Set([
  // branching and flow control
  "control:if",
  "control:join",
  "control:continueIf",
  "control:branch",
  "control:let",
  "control:return",
  "control:returnRaw",
  "control:spawn",
  "control:run",
  "control:callable",
  "control:comment",
  "control:noop",
  "control:wait",
  "control:until",
  "control:times",
  // error handling
  "control:tryCatch",
  "control:throw",
  "control:throwIf",
  // cards that call a helper flow
  "list:each",
  "list:asyncEach",
  "list:map",
  "list:filter",
  "list:reduce",
  "list:find",
  "object:map",
  "object:process",
  // wiring
  "string:compose",
  "object:expand",
  // API endpoint and delegated flows, and the HTTP cards (answered by HTTP mocks)
  "http:accept",
  "http:delegated",
  "http:close",
  "http:raw",
  "http:get",
  "http:post",
  "http:put",
  "http:patch",
  "http:delete",
]);
