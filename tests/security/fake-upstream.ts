import { createServer, type IncomingMessage, type Server, type ServerResponse } from "node:http";
import type { AddressInfo } from "node:net";

/**
 * A fault-injecting OpenAI-compatible upstream on loopback. The first path segment picks the behaviour:
 * `http://127.0.0.1:<port>/<mode>/v1/responses`.
 */
export interface FakeUpstream {
  base(mode: string): string;
  port: number;
  /** Requests received, in order: mode, authorization header. */
  seen: Array<{ mode: string; path: string; authorization: string | undefined }>;
  /** When the last streaming request's connection closed (ms since epoch), for abort tests. */
  closedAt: number | null;
  close(): Promise<void>;
}

const enc = (type: string, extra: Record<string, unknown> = {}, seq = 0) =>
  `event: ${type}\ndata: ${JSON.stringify({ type, sequence_number: seq, ...extra })}\n\n`;

export const PARTIAL_TEXT = "Hello from the fake upstream";

function head(res: ServerResponse, status = 200, type = "text/event-stream") {
  res.writeHead(status, { "content-type": type, "cache-control": "no-cache" });
}

function opening(): string {
  const response = { id: "resp_fake", object: "response", status: "in_progress", model: "fake", output: [] };
  const item = { id: "msg_fake", type: "message", role: "assistant", status: "in_progress", content: [] };
  return (
    enc("response.created", { response }, 0) +
    enc("response.in_progress", { response }, 1) +
    enc("response.output_item.added", { output_index: 0, item }, 2) +
    enc(
      "response.content_part.added",
      { output_index: 0, item_id: "msg_fake", content_index: 0, part: { type: "output_text", text: "", annotations: [] } },
      3,
    ) +
    PARTIAL_TEXT.split(" ")
      .map((w, i) =>
        enc("response.output_text.delta", { output_index: 0, item_id: "msg_fake", content_index: 0, delta: (i ? " " : "") + w }, 4 + i),
      )
      .join("")
  );
}

export function completedEvent(): string {
  return enc(
    "response.completed",
    { response: { id: "resp_fake", object: "response", status: "completed", model: "fake", output: [] } },
    99,
  );
}

export async function startFakeUpstream(): Promise<FakeUpstream> {
  const state: FakeUpstream = {
    base: () => "",
    port: 0,
    seen: [],
    closedAt: null,
    close: async () => {},
  };
  const server: Server = createServer((req: IncomingMessage, res: ServerResponse) => {
    const [, mode = "ok", ...rest] = (req.url ?? "/").split("/");
    state.seen.push({ mode, path: "/" + rest.join("/"), authorization: req.headers.authorization });
    req.resume();
    switch (mode) {
      case "ok":
        head(res);
        res.end(opening() + completedEvent());
        return;
      case "json":
        head(res, 200, "application/json");
        res.end(JSON.stringify({ object: "list", data: [] }));
        return;
      case "cut":
        head(res);
        res.write(opening());
        setTimeout(() => res.socket?.destroy(), 30);
        return;
      case "eof":
        head(res);
        res.end(opening());
        return;
      case "badjson":
        head(res);
        res.end(opening() + "data: {not json at all\n\n" + "data: <html>\n\n" + completedEvent());
        return;
      case "html200":
        head(res, 200, "text/html; charset=utf-8");
        res.end("<!doctype html><html><head><title>Sign in - Corporate Gateway</title></head><body><h1>Sign in</h1></body></html>");
        return;
      case "plain":
        head(res, 200, "text/plain");
        res.end("hello");
        return;
      case "html500":
        head(res, 500, "text/html");
        res.end("<html><head><title>500 Internal Server Error</title></head><body>nginx</body></html>");
        return;
      case "keyecho":
        head(res, 401, "application/json");
        res.end(
          JSON.stringify({
            error: {
              message: `Incorrect API key provided: ${req.headers.authorization?.slice(7)}.`,
              type: "invalid_request_error",
              code: "invalid_api_key",
            },
          }),
        );
        return;
      case "keysse": {
        // The key, twice, inside an SSE `error` event of a 200 stream.
        const key = req.headers.authorization?.slice(7) ?? "";
        head(res);
        res.end(opening() + enc("error", { code: "invalid_api_key", message: `Bad key ${key}; again: ${key}.`, param: null }, 9));
        return;
      }
      case "keysplit": {
        // The key split across two network reads, mid-key, with a pause between them.
        const key = req.headers.authorization?.slice(7) ?? "";
        const half = Math.floor(key.length / 2);
        head(res);
        res.write(opening() + `event: error\ndata: {"type":"error","code":"x","message":"key ${key.slice(0, half)}`);
        setTimeout(() => res.end(`${key.slice(half)} end","param":null}\n\n`), 40);
        return;
      }
      case "key401sse": {
        // 401 with an event-stream content type, echoing the key in upper case too.
        const key = req.headers.authorization?.slice(7) ?? "";
        head(res, 401);
        res.end(
          enc("error", { code: "invalid_api_key", message: `Incorrect API key provided: ${key} (${key.toUpperCase()})`, param: null }),
        );
        return;
      }
      case "keyjson200": {
        // A 200 JSON body that echoes the request headers (an httpbin-like gateway).
        head(res, 200, "application/json");
        res.end(JSON.stringify({ object: "list", data: [], headers: req.headers }));
        return;
      }
      case "redirect":
        res.writeHead(302, { location: "http://169.254.169.254/latest/meta-data/" });
        res.end();
        return;
      case "hang":
        return; // never answers
      case "idle":
        head(res);
        res.write(opening());
        return; // then silence
      case "slow": {
        head(res);
        res.write(opening());
        const timer = setInterval(
          () => res.write(enc("response.output_text.delta", { output_index: 0, item_id: "msg_fake", content_index: 0, delta: " more" })),
          50,
        );
        res.on("close", () => {
          clearInterval(timer);
          state.closedAt = Date.now();
        });
        return;
      }
      default:
        res.writeHead(404);
        res.end();
    }
  });
  await new Promise<void>((resolve) => server.listen(0, "127.0.0.1", resolve));
  const port = (server.address() as AddressInfo).port;
  state.port = port;
  state.base = (mode: string) => `http://127.0.0.1:${port}/${mode}/v1`;
  state.close = () =>
    new Promise<void>((resolve) => {
      server.closeAllConnections();
      server.close(() => resolve());
    });
  return state;
}
