/**
 * `flocode pr-comment`, the comment step of the workflow `flocode init` writes: a recorded pull_request event
 * payload, a repository whose dist/ changed against the base commit, and a fake GitHub API on 127.0.0.1. The
 * first push creates the comment, a later push updates that same comment, other comments stay as they were, and
 * every API failure is one line and exit 2.
 */
import { spawnSync } from "node:child_process";
import { mkdirSync, mkdtempSync, readFileSync, rmSync, writeFileSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";
import { afterAll, afterEach, beforeAll, beforeEach, describe, expect, it } from "vitest";
import { REPO, runCliAsync, type CliResult } from "../support/cli.js";
import { startFakeGitHub, type FakeGitHub } from "./fake-github.js";

const EVENT = join(REPO, "test/init/fixtures/pull_request.synchronize.json");
const MINIMAL = readFileSync(join(REPO, "test/fixtures/minimal.flopack"), "utf8");
const MARKER = "<!-- flocode:pr-comment -->";
const TOKEN = "ghs_test_token";

function git(cwd: string, ...args: string[]): string {
  const r = spawnSync("git", ["-c", "user.name=Test", "-c", "user.email=test@example.com", ...args], { cwd, encoding: "utf8" });
  if (r.status !== 0) throw new Error(`git ${args.join(" ")}: ${r.stderr}`);
  return r.stdout.trim();
}

let repo: string;
let baseSha: string;
let gh: FakeGitHub;

beforeAll(() => {
  // The base branch: dist/ holds the built example; the pull request changes it.
  repo = mkdtempSync(join(tmpdir(), "flocode-pr-"));
  git(repo, "init", "-q");
  mkdirSync(join(repo, "dist"));
  writeFileSync(join(repo, "dist/daily-check.flow"), MINIMAL);
  writeFileSync(join(repo, "dist/notes.txt"), "not an export\n");
  git(repo, "add", "-A");
  git(repo, "commit", "-qm", "base");
  baseSha = git(repo, "rev-parse", "HEAD");
});
afterAll(() => rmSync(repo, { recursive: true, force: true }));

beforeEach(async () => {
  gh = await startFakeGitHub("acme/okta-flows", 42, TOKEN);
  gh.comments.push({ id: 1, body: "Looks good to me, but what about 02:00?", user: "jdoe" });
  gh.comments.push({ id: 2, body: "<!-- another-bot -->\nCoverage: 91%", user: "coverage-bot" });
});
afterEach(async () => {
  await gh.close();
  writeFileSync(join(repo, "dist/daily-check.flow"), MINIMAL);
});

function prComment(args: readonly string[] = [], env: NodeJS.ProcessEnv = {}): Promise<CliResult> {
  return runCliAsync(["pr-comment", "--base", baseSha, ...args], {
    cwd: repo,
    env: { GITHUB_EVENT_PATH: EVENT, GITHUB_API_URL: gh.url, GITHUB_TOKEN: TOKEN, GITHUB_REPOSITORY: "", ...env },
  });
}

/** A push to the pull request: the built flow's description changes. */
function push(hour: string): void {
  writeFileSync(join(repo, "dist/daily-check.flow"), MINIMAL.replace("Runs every day at 09:00", `Runs every day at ${hour}`));
}

describe("flocode pr-comment", () => {
  it("creates one comment on the first push and updates that same comment on the next, other comments untouched", async () => {
    push("10:00");
    const first = await prComment();
    expect(first.stderr).toBe("");
    expect(first.status).toBe(0);
    expect(first.stdout).toMatch(
      /created the comment on acme\/okta-flows#42: https:\/\/github.com\/acme\/okta-flows\/pull\/42#issuecomment-1000/,
    );
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/okta-flows/issues/42/comments?per_page=100&page=1",
      "POST /repos/acme/okta-flows/issues/42/comments",
    ]);
    expect(gh.requests.every((r) => r.authorization === `Bearer ${TOKEN}`)).toBe(true);
    const created = gh.comments[2]!;
    expect(created.body.startsWith(MARKER)).toBe(true);
    expect(created.body).toContain("## flocode: 1 changed export");
    expect(created.body).toContain("### `dist/daily-check.flow`: modified");
    expect(created.body).toContain("Runs every day at 10:00");
    expect(created.body).toContain("#### Flow `Daily check`");
    expect(created.body).toMatch(/```mermaid\nflowchart TD\n[\s\S]*Daily check[\s\S]*```/);
    expect(created.body).not.toContain("notes.txt");

    push("11:00");
    gh.requests.length = 0;
    const second = await prComment();
    expect(second.status).toBe(0);
    expect(second.stdout).toMatch(/updated the comment on acme\/okta-flows#42/);
    expect(gh.requests.map((r) => `${r.method} ${r.path}`)).toEqual([
      "GET /repos/acme/okta-flows/issues/42/comments?per_page=100&page=1",
      "PATCH /repos/acme/okta-flows/issues/comments/1000",
    ]);
    expect(gh.comments).toHaveLength(3);
    expect(gh.comments[2]!.body).toContain("Runs every day at 11:00");
    expect(gh.comments[2]!.body).not.toContain("10:00");
    expect(gh.comments.slice(0, 2)).toEqual([
      { id: 1, body: "Looks good to me, but what about 02:00?", user: "jdoe" },
      { id: 2, body: "<!-- another-bot -->\nCoverage: 91%", user: "coverage-bot" },
    ]);

    // the same push again: nothing to change, nothing sent but the lookup
    gh.requests.length = 0;
    const again = await prComment(["--json"]);
    expect(JSON.parse(again.stdout)).toMatchObject({ action: "unchanged", id: 1000, pullRequest: "acme/okta-flows#42" });
    expect(gh.requests.map((r) => r.method)).toEqual(["GET"]);
  });

  it("finds its comment past the first page of comments", async () => {
    for (let i = 0; i < 120; i++) gh.comments.push({ id: 10 + i, body: `comment ${i}`, user: "jdoe" });
    gh.comments.push({ id: 500, body: `${MARKER}\nold review`, user: "github-actions[bot]" });
    push("10:00");
    const r = await prComment();
    expect(r.status).toBe(0);
    expect(gh.requests.map((q) => `${q.method} ${q.path}`)).toEqual([
      "GET /repos/acme/okta-flows/issues/42/comments?per_page=100&page=1",
      "GET /repos/acme/okta-flows/issues/42/comments?per_page=100&page=2",
      "PATCH /repos/acme/okta-flows/issues/comments/500",
    ]);
  });

  it("posts nothing when no flow changed and it never commented; says so when it had", async () => {
    const quiet = await prComment();
    expect(quiet.status).toBe(0);
    expect(quiet.stdout).toBe("flocode: no flow changed in acme/okta-flows#42: no comment posted\n");
    expect(gh.requests.map((r) => r.method)).toEqual(["GET"]);

    gh.comments.push({ id: 77, body: `${MARKER}\nan earlier diff`, user: "github-actions[bot]" });
    const reverted = await prComment();
    expect(reverted.status).toBe(0);
    expect(gh.comments.find((c) => c.id === 77)!.body).toContain("## flocode: no flow changed");
  });

  it("posts a given body (--body) with the marker, and the repository named by the event payload", async () => {
    const dir = mkdtempSync(join(tmpdir(), "flocode-body-"));
    writeFileSync(join(dir, "review.md"), "Reviewed by hand.\n");
    const r = await prComment(["--body", join(dir, "review.md")]);
    rmSync(dir, { recursive: true, force: true });
    expect(r.status).toBe(0);
    expect(gh.comments[2]!.body).toBe(`${MARKER}\nReviewed by hand.\n`);
  });

  it("--dry-run prints the comment and calls no API", async () => {
    push("10:00");
    const r = await prComment(["--dry-run"], { GITHUB_TOKEN: "" });
    expect(r.status).toBe(0);
    expect(r.stdout).toContain("dry run: the comment for acme/okta-flows#42");
    expect(r.stdout).toContain(MARKER);
    expect(r.stdout).toContain("```mermaid");
    expect(gh.requests).toEqual([]);
  });

  it.each([
    [
      "POST",
      403,
      "Resource not accessible by integration",
      /^flocode: GitHub API: POST \/repos\/acme\/okta-flows\/issues\/42\/comments: 403 Forbidden: Resource not accessible by integration \(the workflow needs "permissions: pull-requests: write"; a pull request from a fork gets a read-only token\)\n$/,
    ],
    [
      "GET",
      500,
      "Server Error",
      /^flocode: GitHub API: GET \/repos\/acme\/okta-flows\/issues\/42\/comments: 500 Internal Server Error: Server Error\n$/,
    ],
    [
      "GET",
      401,
      "Bad credentials",
      /^flocode: GitHub API: GET .*: 401 Unauthorized: Bad credentials \(is GITHUB_TOKEN set to \$\{\{ secrets.GITHUB_TOKEN \}\}\?\)\n$/,
    ],
  ])("an API error (%s %i) is one line and exit 2, and nothing is posted", async (method, status, message, expected) => {
    push("10:00");
    gh.failNext(method, status, message);
    const r = await prComment();
    expect(r.status).toBe(2);
    expect(r.stderr).toMatch(expected);
    expect(r.stdout).toBe("");
    expect(gh.comments).toHaveLength(2);
  });

  it("an unreachable API, a missing token, a push event and a bad base are one line and exit 2", async () => {
    push("10:00");
    await gh.close();
    const down = await prComment();
    expect(down.status).toBe(2);
    expect(down.stderr).toMatch(
      /^flocode: GitHub API: GET \/repos\/acme\/okta-flows\/issues\/42\/comments: cannot reach http:\/\/127\.0\.0\.1:\d+ \(.+\)\n$/,
    );
    gh = await startFakeGitHub("acme/okta-flows", 42, TOKEN); // for afterEach

    const noToken = await prComment([], { GITHUB_TOKEN: "" });
    expect(noToken.status).toBe(2);
    expect(noToken.stderr).toMatch(
      /^flocode: GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: \$\{\{ secrets.GITHUB_TOKEN \}\}`/,
    );

    const dir = mkdtempSync(join(tmpdir(), "flocode-event-"));
    writeFileSync(
      join(dir, "push.json"),
      JSON.stringify({ ref: "refs/heads/main", after: baseSha, repository: { full_name: "acme/okta-flows" } }),
    );
    const pushEvent = await prComment(["--event", join(dir, "push.json")]);
    rmSync(dir, { recursive: true, force: true });
    expect(pushEvent.status).toBe(2);
    expect(pushEvent.stderr).toMatch(
      /not a pull_request event \(no pull_request.number\): run this step in a workflow triggered by "on: pull_request"\n$/,
    );

    const badBase = await runCliAsync(["pr-comment", "--base", "0000000000000000000000000000000000000000"], {
      cwd: repo,
      env: { GITHUB_EVENT_PATH: EVENT, GITHUB_API_URL: gh.url, GITHUB_TOKEN: TOKEN },
    });
    expect(badBase.status).toBe(2);
    expect(badBase.stderr.split("\n").filter(Boolean)).toHaveLength(1);
    expect(badBase.stderr).toMatch(/^flocode: git diff .*0000000000000000000000000000000000000000/);
    expect(gh.requests).toEqual([]);
  });

  it("reads the pull request number, repository and base commit from the recorded event", async () => {
    const { readPullRequestEvent } = await import("../../src/github/event.js");
    expect(readPullRequestEvent(EVENT, undefined)).toEqual({
      number: 42,
      repository: "acme/okta-flows",
      baseSha: "1a2b3c4d5e6f708192a3b4c5d6e7f8091a2b3c4d",
      baseRef: "main",
    });
    expect(readPullRequestEvent(EVENT, "other/repo").repository).toBe("other/repo");
  });
});
