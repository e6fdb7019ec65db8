/**
 * Cards that make an HTTP request the test can answer at the HTTP boundary: every connector's Custom API Action
 * (`customAPIAction`, Okta's `hTTPRequest`: option Request Type, inputs Relative URL, Query, Headers, Body) and
 * the API Connector cards (`httpfunctions` Raw Request, Get, Post, Put, Patch, Delete: URL, Method, Query,
 * Headers, Body; the older kernel `http` cards: url, method, headers, query, body). They are recognised by their
 * fields, not by name: a URL input among the Request fields and a Status Code among the Response fields. An answer of 400 or more fails the card as Okta's HTTP errors do ("An error in an HTTP
 * function typically corresponds to a standard HTTP error code", function-reference/functions.htm).
 */
import { FlowFailure } from "./errors.js";
import type { HttpRequest, HttpResponse } from "./mocks.js";
import type { CardPlan } from "./plan.js";
import { isObj } from "./functions/values.js";

const URL_KEYS = new Set(["relative url", "url"]);
const METHOD_BY_ACTION: Readonly<Record<string, string>> = { get: "GET", post: "POST", put: "PUT", patch: "PATCH", delete: "DELETE" };

/** The Request fields of an HTTP card (group Request; the kernel `http` cards keep them ungrouped). */
function isRequestField(group: string | null): boolean {
  return group === "Request" || group === null;
}

function isResponseField(group: string | null): boolean {
  return group === "Response" || group === null;
}

/** Whether a card makes an HTTP request the HTTP mocks answer. */
export function isHttpCard(card: CardPlan): boolean {
  return (
    card.inputs.some((i) => isRequestField(i.group) && URL_KEYS.has(i.key.toLowerCase())) &&
    card.outputs.some((o) => isResponseField(o.group) && normal(o.key) === "statuscode")
  );
}

function normal(key: string): string {
  return key.replace(/[^A-Za-z]/g, "").toLowerCase();
}

export function httpRequest(card: CardPlan, inputs: readonly unknown[]): HttpRequest {
  const get = (pred: (group: string | null, key: string) => boolean): unknown => {
    const i = card.inputs.findIndex((s) => pred(s.group, s.key));
    return i === -1 ? undefined : inputs[i];
  };
  const request = (key: string): unknown => get((g, k) => isRequestField(g) && normal(k) === key);
  const action = card.moduleKey.slice(card.moduleKey.indexOf(":") + 1);
  const method =
    request("method") ?? get((g, k) => g === "parameters" && k === "requestType") ?? METHOD_BY_ACTION[action.toLowerCase()] ?? "GET";
  const url = request("relativeurl") ?? request("url") ?? "";
  const query = request("query");
  const headers = request("headers");
  return {
    method: String(method).toUpperCase(),
    url: String(url),
    query: isObj(query) ? query : typeof query === "string" && query !== "" ? Object.fromEntries(new URLSearchParams(query)) : undefined,
    headers: isObj(headers) ? headers : undefined,
    body: request("body"),
  };
}

const REASONS: Readonly<Record<number, string>> = {
  400: "Bad Request",
  401: "Unauthorized",
  403: "Forbidden",
  404: "Not Found",
  405: "Method Not Allowed",
  409: "Conflict",
  422: "Unprocessable Entity",
  429: "Too Many Requests",
  500: "Internal Server Error",
  502: "Bad Gateway",
  503: "Service Unavailable",
  504: "Gateway Timeout",
};

/** The card's output values for a response; fails the card for a status of 400 or more. */
export function httpOutputs(card: CardPlan, response: HttpResponse): unknown[] {
  const status = response.status ?? 200;
  if (!Number.isInteger(status) || status < 100 || status > 599) {
    throw new FlowFailure(`HTTP mock: status must be a whole number from 100 to 599, got ${JSON.stringify(status)}`, 500);
  }
  if (status >= 400) {
    const detail = errorDetail(response.body);
    throw new FlowFailure(`${REASONS[status] ?? "HTTP Error"} (${status})${detail ? `: ${detail}` : ""}`, status);
  }
  return card.outputs.map((o) => {
    if (!isResponseField(o.group)) return undefined;
    switch (normal(o.key)) {
      case "statuscode":
        return status;
      case "headers":
        return response.headers ?? {};
      case "body":
        return bodyAs(response.body, o.type);
      default:
        return isObj(response.body) ? response.body[o.key] : undefined;
    }
  });
}

function bodyAs(body: unknown, type: string): unknown {
  if (body === undefined) return type === "string" ? "" : {};
  if (type === "string") return typeof body === "string" ? body : JSON.stringify(body);
  if (typeof body === "string") {
    try {
      return JSON.parse(body) as unknown;
    } catch {
      return body;
    }
  }
  return body;
}

function errorDetail(body: unknown): string | undefined {
  if (typeof body === "string") return body.slice(0, 200) || undefined;
  if (isObj(body)) {
    for (const k of ["errorSummary", "message", "error_description", "error"]) if (typeof body[k] === "string") return body[k];
  }
  return undefined;
}
