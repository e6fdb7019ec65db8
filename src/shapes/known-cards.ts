/** The cards flocode writes or recognises by address: control flow, flow starts, and the hidden helper cards. */
import { connectorOf, kernelAddress } from "./address.js";

/** Helper Flow / Scheduled Flow start card, and the start card of every inline flow. */
export const CALLABLE_ADDRESS = kernelAddress("control", "callable");
/** A flow without a trigger (run by hand); also the head of each If/Else branch. */
export const NOOP_ADDRESS = kernelAddress("control", "noop");
export const IF_ADDRESS = kernelAddress("control", "if");
export const JOIN_ADDRESS = kernelAddress("control", "join");
export const COMMENT_ADDRESS = kernelAddress("control", "comment");
export const RETURN_ADDRESS = kernelAddress("control", "return");
/** If Error. */
export const TRY_CATCH_ADDRESS = kernelAddress("control", "tryCatch");
export const OBJECT_GET_ADDRESS = kernelAddress("object", "get");
/** The hidden Object Expand card of an unfolded object output (FLOPACK.md §6.9). */
export const EXPAND_ADDRESS = kernelAddress("object", "expand");
export const COMPOSE_ADDRESS = kernelAddress("string", "compose");
export const EXPRESSION_ADDRESS = kernelAddress("math", "expression");
/** For Each - Ignore Errors: the hidden wrapper of event flows. */
export const ASYNC_EACH_ADDRESS = kernelAddress("list", "asyncEach");
/** API endpoint flow start card. */
export const ACCEPT_ADDRESS = kernelAddress("http", "accept");
/** Delegated flow start card. */
export const DELEGATED_ADDRESS = kernelAddress("http", "delegated");

/** The cards that iterate over a `list` input, calling a helper flow (their `flo` input) once per item. */
export const LIST_ITERATOR_ADDRESSES: ReadonlySet<string> = new Set(
  ["each", "asyncEach", "map", "filter", "reduce"].map((key) => kernelAddress("list", key)),
);
/** The cards that call a helper flow (`flo` input) with arguments (their custom inputs): the iterators, Call Flow, Repeat. */
export const HELPER_CALL_ADDRESSES: ReadonlySet<string> = new Set([
  ...LIST_ITERATOR_ADDRESSES,
  ...["spawn", "run", "times"].map((key) => kernelAddress("control", key)),
]);

/** The connector of the Tables cards (`root:channels:http:stash:...`). */
export const TABLES_CONNECTOR = "stash";

/**
 * Why a card takes no connection, or undefined when it takes one: function cards have none, and neither have
 * Tables cards (`config` is null on all 183 Tables cards of the real exports, and Okta offers no connection).
 */
export function takesNoConnection(address: string): string | undefined {
  const connector = connectorOf(address);
  if (connector === undefined) return "function cards take no connection";
  if (connector === TABLES_CONNECTOR) return "Tables cards take no connection (Okta Tables belong to the workspace)";
  return undefined;
}

/** Names of the callable start card: which one a flow has says what starts it (its catalog variants differ by name). */
/**
 * The run-time context a start card gives its flow (group "context"), set by Okta, never by an author: 483 start
 * cards of the real exports hold execution_id, 458 error, 388 index and parent, 38 execution_time; every other
 * context key is a wormhole (a random id).
 */
export const OKTA_CONTEXT_KEYS: ReadonlySet<string> = new Set(["execution_id", "execution_time", "error", "index", "parent"]);

export const HELPER_FLOW_NAME = "Helper Flow";
export const SCHEDULED_FLOW_NAME = "Scheduled Flow";
/** The name of the hidden For Each that wraps an event flow. */
export const EVENT_WRAPPER_NAME = "For Each - Ignore Errors";
