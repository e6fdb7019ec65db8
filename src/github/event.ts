/**
 * The pull request a GitHub Actions run is about, read from its event payload (the file GITHUB_EVENT_PATH names):
 * the number to comment on, the repository, and the base commit to diff against.
 */
import { readFileSync } from "node:fs";
import { UserError } from "../util/errors.js";
import { isObject } from "../util/json.js";

export interface PullRequestEvent {
  number: number;
  /** owner/name */
  repository: string;
  /** The commit the pull request is compared with (the base branch's head when the event was sent). */
  baseSha: string;
  baseRef: string;
}

export function readPullRequestEvent(path: string, repositoryFromEnv: string | undefined): PullRequestEvent {
  let text: string;
  try {
    text = readFileSync(path, "utf8");
  } catch (error) {
    throw new UserError(`${path}: cannot read the event payload (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 2);
  }
  let event: unknown;
  try {
    event = JSON.parse(text);
  } catch {
    throw new UserError(`${path}: the event payload is not JSON`, 2);
  }
  const pr = isObject(event) ? event.pull_request : undefined;
  if (!isObject(pr) || typeof pr.number !== "number")
    throw new UserError(
      `${path}: not a pull_request event (no pull_request.number): run this step in a workflow triggered by "on: pull_request"`,
      2,
    );
  const base = isObject(pr.base) ? pr.base : {};
  const repo = isObject(event) && isObject(event.repository) ? event.repository.full_name : undefined;
  const repository = repositoryFromEnv ?? (typeof repo === "string" ? repo : undefined);
  if (repository === undefined || !/^[^/\s]+\/[^/\s]+$/.test(repository))
    throw new UserError(`${path}: no repository (set GITHUB_REPOSITORY=owner/name or give repository.full_name)`, 2);
  return {
    number: pr.number,
    repository,
    baseSha: typeof base.sha === "string" ? base.sha : "",
    baseRef: typeof base.ref === "string" ? base.ref : "",
  };
}
