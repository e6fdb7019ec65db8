import { Option, type Command } from "commander";
import { readFileSync } from "node:fs";
import { UserError } from "../util/errors.js";

interface PrCommentOptions {
  event?: string;
  dist: string;
  base?: string;
  body?: string;
  dryRun?: boolean;
  json?: boolean;
}

const HELP = `
What it does, in a GitHub Actions job on a pull request (the workflow \`flocode init\` writes runs it):
  1. reads the pull request from the event payload (--event, default $GITHUB_EVENT_PATH);
  2. writes the comment: for each export under --dist that differs from the base commit (the pull request's
     base, or --base), the Markdown diff and the Mermaid graph of each changed flow; or the text of --body;
  3. finds the pull request's comment carrying the hidden marker <!-- flocode:pr-comment --> and updates it,
     or creates it: one comment per pull request, current after every push; other comments are never touched.
     Nothing changed and no comment yet: nothing is posted.

Environment: GITHUB_TOKEN (the job's token; the workflow needs "permissions: pull-requests: write"),
GITHUB_API_URL (default https://api.github.com), GITHUB_REPOSITORY (default: the event's repository).
Exit codes: 0 posted (or nothing to post), 2 usage, git or GitHub API error (one line with GitHub's answer).

Examples:
  $ flocode pr-comment                                    # in the workflow step (env: GITHUB_TOKEN)
  $ flocode pr-comment --event event.json --dry-run       # print the comment instead of posting it
  $ flocode pr-comment --body review.md                   # post your own text as the one comment`;

/** `flocode pr-comment`: one comment on the pull request with the changed flows, updated on every push. */
export function registerPrComment(program: Command): void {
  program
    .command("pr-comment")
    .description("comment on a GitHub pull request with the diff and graph of every changed flow (one comment, updated on later pushes)")
    .option("--event <file>", "the pull_request event payload (default: $GITHUB_EVENT_PATH)")
    .option("--dist <dir>", "the folder of built exports", "dist")
    .option("--base <rev>", "the commit to diff against (default: the pull request's base commit)")
    .option("--body <file>", "post this Markdown instead of the composed diff (the marker is added)")
    .option("--dry-run", "print what would be posted; no GitHub API call")
    .addOption(new Option("--json", "machine-readable output: {action, id, url, changed}"))
    .addHelpText("after", HELP)
    .action(async (opts: PrCommentOptions) => {
      const { readPullRequestEvent } = await import("../github/event.js");
      const { upsertComment, findComment } = await import("../github/comments.js");
      const { COMMENT_MARKER } = await import("../init/templates.js");
      const eventPath = opts.event ?? process.env.GITHUB_EVENT_PATH;
      if (eventPath === undefined || eventPath === "")
        throw new UserError("no event payload: pass --event <file> (GitHub Actions sets GITHUB_EVENT_PATH)", 2);
      const event = readPullRequestEvent(eventPath, process.env.GITHUB_REPOSITORY || undefined);

      let body: string;
      let changed: Array<{ path: string; status: string }> = [];
      if (opts.body !== undefined) {
        try {
          body = readFileSync(opts.body, "utf8");
        } catch (error) {
          throw new UserError(`${opts.body}: cannot read (${(error as NodeJS.ErrnoException).code ?? (error as Error).message})`, 2);
        }
        if (!body.includes(COMMENT_MARKER)) body = `${COMMENT_MARKER}\n${body}`;
      } else {
        const base = opts.base ?? event.baseSha;
        if (base === "") throw new UserError(`${eventPath}: no pull_request.base.sha; pass --base <rev>`, 2);
        const { composeCommentBody } = await import("./pr-comment-body.js");
        ({ body, changed } = composeCommentBody(base, opts.dist, process.cwd()));
      }

      const apiUrl = process.env.GITHUB_API_URL || "https://api.github.com";
      const where = `${event.repository}#${event.number}`;
      if (opts.dryRun) {
        if (opts.json) process.stdout.write(`${JSON.stringify({ action: "dry-run", pullRequest: where, changed, body }, null, 2)}\n`);
        else process.stdout.write(`flocode: dry run: the comment for ${where} (${apiUrl}):\n\n${body}`);
        process.exitCode = 0;
        return;
      }
      const token = process.env.GITHUB_TOKEN;
      if (token === undefined || token === "")
        throw new UserError(
          "GITHUB_TOKEN is not set: give the step `env: GITHUB_TOKEN: ${{ secrets.GITHUB_TOKEN }}` (or use --dry-run)",
          2,
        );
      const target = { apiUrl, repository: event.repository, number: event.number, token };

      let result: { action: string; id?: number; url?: string };
      if (opts.body === undefined && changed.length === 0 && (await findComment(target, COMMENT_MARKER)) === undefined)
        result = { action: "skipped" }; // nothing to say, and no earlier comment to correct
      else result = await upsertComment(target, body, COMMENT_MARKER);

      if (opts.json) process.stdout.write(`${JSON.stringify({ ...result, pullRequest: where, changed }, null, 2)}\n`);
      else if (result.action === "skipped") process.stdout.write(`flocode: no flow changed in ${where}: no comment posted\n`);
      else process.stdout.write(`flocode: ${result.action} the comment on ${where}: ${result.url ?? ""}\n`);
      process.exitCode = 0;
    });
}
