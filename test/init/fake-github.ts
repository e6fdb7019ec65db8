/**
 * A fake GitHub REST API on 127.0.0.1 for `flocode pr-comment`: the comments of one pull request in memory,
 * every request recorded, and failures on demand. Only the three endpoints pr-comment uses exist.
 */
import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

export interface FakeComment {
  id: number;
  body: string;
  user: string;
}

export interface RecordedRequest {
  method: string;
  path: string;
  authorization: string | undefined;
  body: unknown;
}

export interface FakeGitHub {
  url: string;
  comments: FakeComment[];
  requests: RecordedRequest[];
  /** Answers the next request of this method with the status (and GitHub's error JSON). */
  failNext(method: string, status: number, message: string): void;
  close(): Promise<void>;
}

export async function startFakeGitHub(repository: string, pr: number, token: string): Promise<FakeGitHub> {
  const comments: FakeComment[] = [];
  const requests: RecordedRequest[] = [];
  const failures = new Map<string, { status: number; message: string }>();
  let nextId = 1000;
  const base = `/repos/${repository}`;

  const send = (res: ServerResponse, status: number, value: unknown): void => {
    res.writeHead(status, { "content-type": "application/json" });
    res.end(JSON.stringify(value));
  };
  const asJson = (c: FakeComment): unknown => ({
    id: c.id,
    body: c.body,
    user: { login: c.user },
    html_url: `https://github.com/${repository}/pull/${pr}#issuecomment-${c.id}`,
  });

  const handle = (req: IncomingMessage, res: ServerResponse, text: string): void => {
    const url = new URL(req.url ?? "/", "http://localhost");
    const body: unknown = text === "" ? undefined : JSON.parse(text);
    requests.push({ method: req.method ?? "", path: url.pathname + url.search, authorization: req.headers.authorization, body });
    const failure = failures.get(req.method ?? "");
    if (failure) {
      failures.delete(req.method ?? "");
      return send(res, failure.status, { message: failure.message, documentation_url: "https://docs.github.com/rest" });
    }
    if (req.headers.authorization !== `Bearer ${token}`) return send(res, 401, { message: "Bad credentials" });
    if (req.method === "GET" && url.pathname === `${base}/issues/${pr}/comments`) {
      const perPage = Number(url.searchParams.get("per_page") ?? 30);
      const page = Number(url.searchParams.get("page") ?? 1);
      return send(res, 200, comments.slice((page - 1) * perPage, page * perPage).map(asJson));
    }
    if (req.method === "POST" && url.pathname === `${base}/issues/${pr}/comments`) {
      const comment = { id: nextId++, body: (body as { body: string }).body, user: "github-actions[bot]" };
      comments.push(comment);
      return send(res, 201, asJson(comment));
    }
    const patch = new RegExp(`^${base}/issues/comments/(\\d+)$`).exec(url.pathname);
    if (req.method === "PATCH" && patch) {
      const comment = comments.find((c) => c.id === Number(patch[1]));
      if (!comment) return send(res, 404, { message: "Not Found" });
      comment.body = (body as { body: string }).body;
      return send(res, 200, asJson(comment));
    }
    send(res, 404, { message: "Not Found" });
  };

  const server: Server = createServer((req, res) => {
    const chunks: Buffer[] = [];
    req.on("data", (c: Buffer) => chunks.push(c));
    req.on("end", () => handle(req, res, Buffer.concat(chunks).toString("utf8")));
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    url: `http://127.0.0.1:${port}`,
    comments,
    requests,
    failNext: (method, status, message) => failures.set(method, { status, message }),
    close: () => new Promise((resolve) => server.close(() => resolve())),
  };
}
