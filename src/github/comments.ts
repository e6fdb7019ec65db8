/**
 * One comment per pull request, kept current: the comment carrying the marker is found among the pull
 * request's comments and updated (PATCH); when there is none, one is created (POST). Other comments are never
 * touched. GitHub's REST API through Node's fetch; every failure is one line naming the request and GitHub's
 * answer (exit 2).
 */
import { UserError } from "../util/errors.js";
import { isObject } from "../util/json.js";

export interface CommentTarget {
  /** e.g. https://api.github.com (GITHUB_API_URL) */
  apiUrl: string;
  /** owner/name */
  repository: string;
  number: number;
  token: string;
}

export interface CommentResult {
  action: "created" | "updated" | "unchanged";
  id: number;
  url: string;
}

/** GitHub refuses comment bodies longer than this. */
export const MAX_COMMENT_CHARS = 65_536;

const PER_PAGE = 100;
/** Bounds the search on a pull request with very many comments (50 pages = 5,000 comments). */
const MAX_PAGES = 50;

interface Comment {
  id: number;
  body: string;
  url: string;
}

export async function upsertComment(target: CommentTarget, body: string, marker: string): Promise<CommentResult> {
  if (!body.includes(marker)) body = `${marker}\n${body}`;
  const existing = await findComment(target, marker);
  if (existing?.body === body) return { action: "unchanged", id: existing.id, url: existing.url };
  const repo = `/repos/${target.repository}`;
  const saved = existing
    ? await request(target, "PATCH", `${repo}/issues/comments/${existing.id}`, { body })
    : await request(target, "POST", `${repo}/issues/${target.number}/comments`, { body });
  const comment = asComment(saved);
  if (!comment) throw new UserError(`GitHub API: ${existing ? "PATCH" : "POST"} answered without a comment id`, 2);
  return { action: existing ? "updated" : "created", id: comment.id, url: comment.url };
}

/** The first comment holding the marker, or undefined. */
export async function findComment(target: CommentTarget, marker: string): Promise<Comment | undefined> {
  for (let page = 1; page <= MAX_PAGES; page++) {
    const list = await request(
      target,
      "GET",
      `/repos/${target.repository}/issues/${target.number}/comments?per_page=${PER_PAGE}&page=${page}`,
    );
    if (!Array.isArray(list)) throw new UserError("GitHub API: the list of comments is not a list", 2);
    for (const item of list) {
      const comment = asComment(item);
      if (comment?.body.includes(marker)) return comment;
    }
    if (list.length < PER_PAGE) return undefined;
  }
  return undefined;
}

function asComment(value: unknown): Comment | undefined {
  if (!isObject(value) || typeof value.id !== "number") return undefined;
  return {
    id: value.id,
    body: typeof value.body === "string" ? value.body : "",
    url: typeof value.html_url === "string" ? value.html_url : "",
  };
}

async function request(target: CommentTarget, method: string, path: string, body?: unknown): Promise<unknown> {
  const url = `${target.apiUrl.replace(/\/+$/, "")}${path}`;
  const what = `${method} ${path.replace(/\?.*$/, "")}`;
  let response: Response;
  try {
    response = await fetch(url, {
      method,
      headers: {
        accept: "application/vnd.github+json",
        authorization: `Bearer ${target.token}`,
        "x-github-api-version": "2022-11-28",
        "user-agent": "flocode",
        ...(body !== undefined ? { "content-type": "application/json" } : {}),
      },
      ...(body !== undefined ? { body: JSON.stringify(body) } : {}),
      signal: AbortSignal.timeout(30_000),
    });
  } catch (error) {
    const cause = error instanceof Error ? ((error.cause as Error | undefined)?.message ?? error.message) : String(error);
    throw new UserError(`GitHub API: ${what}: cannot reach ${target.apiUrl} (${cause})`, 2);
  }
  const text = await response.text();
  if (!response.ok)
    throw new UserError(`GitHub API: ${what}: ${response.status} ${response.statusText}${explain(response.status, text)}`, 2);
  try {
    return text === "" ? undefined : JSON.parse(text);
  } catch {
    throw new UserError(`GitHub API: ${what}: the answer is not JSON`, 2);
  }
}

/** GitHub's message, and what to do about the usual refusals. */
function explain(status: number, text: string): string {
  let message = "";
  try {
    const parsed: unknown = JSON.parse(text);
    if (isObject(parsed) && typeof parsed.message === "string") message = `: ${parsed.message}`;
  } catch {
    message = text.trim() === "" ? "" : `: ${text.trim().split("\n")[0]!.slice(0, 200)}`;
  }
  if (status === 401) return `${message} (is GITHUB_TOKEN set to \${{ secrets.GITHUB_TOKEN }}?)`;
  if (status === 403 || status === 404)
    return `${message} (the workflow needs "permissions: pull-requests: write"; a pull request from a fork gets a read-only token)`;
  return message;
}
