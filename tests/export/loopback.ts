import { createServer, type IncomingMessage, type Server } from "node:http";
import type { AddressInfo } from "node:net";
import { handleLocalEngineRequest } from "@/lib/local-engine";

export interface Loopback {
  /** `http://127.0.0.1:<port>/v1` */
  baseUrl: string;
  /** The Authorization header of every request received, in order. */
  authorizations: Array<string | undefined>;
  close(): Promise<void>;
}

async function readBody(req: IncomingMessage): Promise<Buffer> {
  const chunks: Buffer[] = [];
  for await (const chunk of req) chunks.push(chunk as Buffer);
  return Buffer.concat(chunks);
}

/** The local engine served over real HTTP on a free loopback port, with no pacing delay. */
export async function startLoopbackEngine(): Promise<Loopback> {
  const authorizations: Array<string | undefined> = [];
  let server: Server | null = null;
  server = createServer((req, res) => {
    void (async () => {
      authorizations.push(req.headers.authorization);
      const headers = new Headers();
      for (const [name, value] of Object.entries(req.headers)) {
        if (Array.isArray(value)) for (const v of value) headers.append(name, v);
        else if (value !== undefined) headers.set(name, value);
      }
      headers.set("x-local-engine-delay-ms", "0");
      const body = await readBody(req);
      const address = server?.address() as AddressInfo;
      const request = new Request(`http://127.0.0.1:${address.port}${req.url ?? "/"}`, {
        method: req.method,
        headers,
        body: body.length > 0 && req.method !== "GET" && req.method !== "HEAD" ? new Uint8Array(body) : undefined,
      });
      const response = await handleLocalEngineRequest(request);
      res.writeHead(response.status, Object.fromEntries(response.headers));
      if (response.body) {
        const reader = response.body.getReader();
        for (let r = await reader.read(); !r.done; r = await reader.read()) res.write(r.value);
      }
      res.end();
    })().catch((error: unknown) => {
      res.statusCode = 500;
      res.end(String(error));
    });
  });
  await new Promise<void>((resolve) => server?.listen(0, "127.0.0.1", resolve));
  const { port } = server.address() as AddressInfo;
  return {
    baseUrl: `http://127.0.0.1:${port}/v1`,
    authorizations,
    close: () => new Promise((resolve) => server?.close(() => resolve())),
  };
}
