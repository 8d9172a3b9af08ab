import { spawn, spawnSync, type ChildProcess } from "node:child_process";
import { existsSync, readdirSync, statSync } from "node:fs";
import { createServer } from "node:net";
import { join } from "node:path";
import pg from "pg";
import { afterAll, beforeAll, describe, expect, it } from "vitest";

/**
 * Two production instances (`next start` on two loopback ports) on one throwaway PostgreSQL: everything a user
 * made on one is there on the other, a restart loses nothing, and rate limits are shared. Builds once when the
 * build is missing or older than the sources. Needs TEST_DATABASE_URL (npm test runs under with-postgres.mjs);
 * without it the suite skips, except under CI=true, where it fails.
 */

const pgUrl = process.env.TEST_DATABASE_URL;
const ci = process.env.CI === "true" || process.env.CI === "1";
const root = process.cwd();

function newestMtime(dir: string): number {
  let newest = 0;
  for (const entry of readdirSync(dir, { withFileTypes: true })) {
    const p = join(dir, entry.name);
    newest = Math.max(newest, entry.isDirectory() ? newestMtime(p) : statSync(p).mtimeMs);
  }
  return newest;
}

function ensureBuild(): void {
  const buildId = join(root, ".next", "BUILD_ID");
  const sources = Math.max(
    ...["app", "components", "lib"].map((d) => newestMtime(join(root, d))),
    statSync(join(root, "next.config.mjs")).mtimeMs,
  );
  if (existsSync(buildId) && statSync(buildId).mtimeMs > sources) return;
  const built = spawnSync(process.execPath, ["node_modules/next/dist/bin/next", "build"], { cwd: root, stdio: "pipe", encoding: "utf8" });
  if (built.status !== 0) throw new Error(`next build failed:\n${built.stdout}\n${built.stderr}`);
}

function freePort(): Promise<number> {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

interface Instance {
  port: number;
  child: ChildProcess;
  url: string;
}

let databaseUrl = "";
const SHARE_LIMIT = 4;

async function start(port: number): Promise<Instance> {
  const child = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(port), "-H", "127.0.0.1"], {
    cwd: root,
    env: {
      PATH: process.env.PATH ?? "",
      HOME: process.env.HOME ?? "/tmp",
      NODE_ENV: "production",
      DATABASE_URL: databaseUrl,
      LOCAL_ENGINE_DELAY_MS: "0",
      PLAYGROUND_RATE_LIMIT_PER_MIN: "0",
      SHARE_RATE_LIMIT_PER_MIN: String(SHARE_LIMIT),
    },
    stdio: ["ignore", "ignore", "pipe"],
  });
  let stderr = "";
  child.stderr?.on("data", (chunk: Buffer) => (stderr += chunk.toString()));
  const url = `http://127.0.0.1:${port}`;
  for (let i = 0; i < 300; i++) {
    if (child.exitCode !== null) throw new Error(`next start exited (${child.exitCode}): ${stderr}`);
    try {
      if ((await fetch(`${url}/api/local/v1/models`)).ok) return { port, child, url };
    } catch {
      // not listening yet
    }
    await new Promise((r) => setTimeout(r, 100));
  }
  throw new Error(`next start on ${port} did not answer: ${stderr}`);
}

async function stop(instance: Instance | undefined): Promise<void> {
  if (!instance || instance.child.exitCode !== null) return;
  const exited = new Promise((resolve) => instance.child.once("exit", resolve));
  instance.child.kill("SIGTERM");
  await exited;
}

const json = (body: unknown, headers: Record<string, string> = {}) => ({
  method: "POST",
  headers: { "content-type": "application/json", ...headers },
  body: JSON.stringify(body),
});

function parseSse(text: string): { type: string; sequence_number: number }[] {
  return text
    .split("\n\n")
    .map((record) => record.split("\n").find((l) => l.startsWith("data: ")))
    .filter((line): line is string => line !== undefined)
    .map((line) => JSON.parse(line.slice(6)) as { type: string; sequence_number: number });
}

const suite = pgUrl || ci ? describe : describe.skip;

suite("two instances on one PostgreSQL", () => {
  let a: Instance | undefined;
  let b: Instance | undefined;
  let schema = "";
  const made: { responseId?: string; fileId?: string; storeId?: string; permalink?: string } = {};

  beforeAll(async () => {
    if (!pgUrl) throw new Error("CI=true and TEST_DATABASE_URL is not set: run under scripts/with-postgres.mjs with PostgreSQL installed.");
    ensureBuild();
    schema = `rp_multi_${Date.now().toString(36)}`;
    const admin = new pg.Client({ connectionString: pgUrl });
    await admin.connect();
    await admin.query(`CREATE SCHEMA ${schema}`);
    await admin.end();
    const url = new URL(pgUrl);
    url.searchParams.set("options", `-c search_path=${schema}`);
    databaseUrl = url.toString();
    [a, b] = await Promise.all([freePort().then(start), freePort().then(start)]);
  }, 600_000);

  afterAll(async () => {
    await Promise.all([stop(a), stop(b)]);
    if (pgUrl && schema) {
      const admin = new pg.Client({ connectionString: pgUrl });
      await admin.connect();
      await admin.query(`DROP SCHEMA IF EXISTS ${schema} CASCADE`);
      await admin.end();
    }
  }, 60_000);

  it("a permalink made on one opens on the other", async () => {
    const res = await fetch(
      `${a!.url}/api/share`,
      json({ title: "Made on A", request: { model: "local-echo-1", input: "hi" } }, { "x-forwarded-for": "198.51.100.1" }),
    );
    expect(res.status).toBe(201);
    made.permalink = ((await res.json()) as { id: string }).id;
    const page = await fetch(`${b!.url}/p/${made.permalink}`);
    expect(page.status).toBe(200);
    expect(await page.text()).toContain("Made on A");
  });

  it("a previous_response_id made on one continues on the other", async () => {
    const first = await fetch(`${a!.url}/api/v1/responses`, json({ model: "local-echo-1", input: "My name is Zed." }));
    expect(first.status).toBe(200);
    made.responseId = ((await first.json()) as { id: string }).id;
    const second = await fetch(
      `${b!.url}/api/v1/responses`,
      json({ model: "local-echo-1", input: "And again?", previous_response_id: made.responseId }),
    );
    expect(second.status).toBe(200);
    const items = await fetch(`${b!.url}/api/v1/responses/${made.responseId}/input_items`);
    expect(JSON.stringify(await items.json())).toContain("My name is Zed.");
  });

  it("a file uploaded on one is searchable through a vector store made on the other", async () => {
    const form = new FormData();
    form.set("purpose", "assistants");
    form.set("file", new Blob(["Otters hold hands while they sleep so they do not drift apart."], { type: "text/plain" }), "otters.txt");
    const upload = await fetch(`${a!.url}/api/v1/files`, { method: "POST", body: form });
    expect(upload.status).toBe(200);
    made.fileId = ((await upload.json()) as { id: string }).id;
    const store = await fetch(`${b!.url}/api/v1/vector_stores`, json({ name: "animals", file_ids: [made.fileId] }));
    expect(store.status).toBe(200);
    made.storeId = ((await store.json()) as { id: string }).id;
    const search = await fetch(`${a!.url}/api/v1/vector_stores/${made.storeId}/search`, json({ query: "otters sleep" }));
    const hits = (await search.json()) as { data: { file_id: string }[] };
    expect(hits.data[0]?.file_id).toBe(made.fileId);
  });

  it("a background response started on one is followed live from the other", async () => {
    const created = await fetch(
      `${a!.url}/api/local/v1/responses`,
      json(
        { model: "local-echo-1", input: "Tell me a long story about rivers and otters.", background: true },
        { "x-local-engine-delay-ms": "15" },
      ),
    );
    const { id } = (await created.json()) as { id: string };
    const follow = await fetch(`${b!.url}/api/local/v1/responses/${id}?stream=true&starting_after=2`);
    expect(follow.status).toBe(200);
    const events = parseSse(await follow.text());
    expect(events[0]?.sequence_number).toBe(3);
    events.forEach((event, i) => expect(event.sequence_number).toBe(3 + i));
    expect(events.at(-1)?.type).toBe("response.completed");
    const done = (await (await fetch(`${b!.url}/api/local/v1/responses/${id}`)).json()) as { status: string };
    expect(done.status).toBe("completed");
  });

  it("a restarted instance loses nothing", async () => {
    const port = a!.port;
    await stop(a);
    a = await start(port);
    expect((await fetch(`${a.url}/api/v1/responses/${made.responseId}`)).status).toBe(200);
    expect(await (await fetch(`${a.url}/api/v1/files/${made.fileId}/content`)).text()).toContain("Otters");
    const search = await fetch(`${a.url}/api/v1/vector_stores/${made.storeId}/search`, json({ query: "otters" }));
    expect(((await search.json()) as { data: unknown[] }).data.length).toBeGreaterThan(0);
    expect((await fetch(`${a.url}/api/share/${made.permalink}`)).status).toBe(200);
  }, 120_000);

  it("rate limits are shared: two instances do not double a client's limit", async () => {
    const statuses: number[] = [];
    for (let i = 0; i < SHARE_LIMIT * 2; i++) {
      const target = i % 2 === 0 ? a! : b!;
      const res = await fetch(
        `${target.url}/api/share`,
        json({ title: `limit ${i}`, request: { model: "m", input: "x" } }, { "x-forwarded-for": "203.0.113.9" }),
      );
      statuses.push(res.status);
    }
    expect(statuses.filter((s) => s === 201)).toHaveLength(SHARE_LIMIT);
    expect(statuses.filter((s) => s === 429)).toHaveLength(SHARE_LIMIT);
  });
});
