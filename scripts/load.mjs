#!/usr/bin/env node
/**
 * npm run load: drives concurrent streaming requests through the proxy (/api/v1/responses) to the local engine and
 * checks that every stream arrives complete and byte-identical to a direct one (/api/local/v1/responses), after
 * masking what legitimately differs per response: ids (resp_…, msg_…, …) and timestamps (created_at, completed_at).
 * Prints throughput and the server's peak memory (VmHWM / peak RSS of the server process tree, from /proc).
 *
 *   npm run load                         # builds if needed, starts `next start` on 127.0.0.1:3204, 200 concurrent × 3 waves
 *   npm run load -- --concurrency 300 --waves 2
 *   npm run load -- --url http://127.0.0.1:3000   # use a running server (memory is then not measured)
 *
 * Loopback only; bounded to 60 s. Exit code 1 when any stream is incomplete or differs.
 */
import { spawn, spawnSync } from "node:child_process";
import { existsSync, readFileSync, readdirSync } from "node:fs";

const args = process.argv.slice(2);
const opt = (name, fallback) => {
  const i = args.indexOf(`--${name}`);
  return i >= 0 && args[i + 1] ? args[i + 1] : fallback;
};
const CONCURRENCY = Number(opt("concurrency", 200));
const WAVES = Number(opt("waves", 3));
const PORT = Number(opt("port", 3204));
const EXTERNAL = opt("url", null);
const DEADLINE = Date.now() + 60_000;

if (EXTERNAL && !/^http:\/\/(127\.0\.0\.1|localhost|\[::1\])(:\d+)?\/?$/.test(EXTERNAL)) {
  console.error("--url must be a loopback address (http://127.0.0.1:PORT).");
  process.exit(2);
}
const BASE = EXTERNAL ? EXTERNAL.replace(/\/$/, "") : `http://127.0.0.1:${PORT}`;

const words = "the quick brown fox jumps over the lazy dog while the playground streams every word back".split(" ");
const PROMPT = Array.from({ length: 180 }, (_, i) => words[i % words.length]).join(" ");
const BODY = JSON.stringify({ model: "local-echo-1", input: PROMPT, stream: true, instructions: "Answer briefly." });
const HEADERS = { "content-type": "application/json", "x-local-engine-delay-ms": "0" };

const normalise = (text) =>
  text
    .replace(/\b(resp|msg|rs|fc|call|ws|fs|ci|ig|mcp|ct|cu)_[A-Za-z0-9]+/g, "$1_X")
    .replace(/"(created_at|completed_at)":\s*\d+(\.\d+)?/g, '"$1":0');

/** Pids of the process tree under `pid` (Linux /proc). */
function tree(pid) {
  const out = [pid];
  for (let i = 0; i < out.length; i++) {
    try {
      for (const task of readdirSync(`/proc/${out[i]}/task`)) {
        const kids = readFileSync(`/proc/${out[i]}/task/${task}/children`, "utf8").trim();
        if (kids) out.push(...kids.split(/\s+/).map(Number));
      }
    } catch {
      /* gone */
    }
  }
  return out;
}

function statusKb(pid, field) {
  try {
    const m = new RegExp(`^${field}:\\s+(\\d+) kB`, "m").exec(readFileSync(`/proc/${pid}/status`, "utf8"));
    return m ? Number(m[1]) : 0;
  } catch {
    return 0;
  }
}

async function waitHealthy(url, ms) {
  const until = Date.now() + ms;
  while (Date.now() < until) {
    try {
      if ((await fetch(`${url}/api/health`)).ok) return;
    } catch {
      /* not yet */
    }
    await new Promise((r) => setTimeout(r, 200));
  }
  throw new Error(`the server at ${url} did not become healthy`);
}

// A server started with the default PLAYGROUND_RATE_LIMIT_PER_MIN (120) answers most of a 200-stream wave with 429.
const RATE_LIMITED_HINT = (n) =>
  `rate limited:   ${n} streams got 429 rate_limit_exceeded: the server's per-client limit (PLAYGROUND_RATE_LIMIT_PER_MIN, ` +
  `default 120 a minute) counts every stream of this test as one client. Run the server with no limit, e.g.\n` +
  `                PLAYGROUND_RATE_LIMIT_PER_MIN=0 npm start   (then: npm run load -- --url http://127.0.0.1:3000)\n` +
  `                or run \`npm run load\` without --url: it starts its own server with the limit off.`;

async function stream(path) {
  const res = await fetch(`${BASE}${path}`, {
    method: "POST",
    headers: HEADERS,
    body: BODY,
    signal: AbortSignal.timeout(Math.max(1000, DEADLINE - Date.now())),
  });
  if (!res.ok) {
    const error = new Error(`HTTP ${res.status}: ${(await res.text()).slice(0, 200)}`);
    error.status = res.status;
    throw error;
  }
  return Buffer.from(await res.arrayBuffer()).toString("utf8");
}

let server = null;
let peakRssKb = 0;
let sampler = null;
try {
  if (!EXTERNAL) {
    if (!existsSync(".next/BUILD_ID")) {
      console.log("No production build: running `npm run build` first…");
      const built = spawnSync("npm", ["run", "build"], { stdio: "inherit" });
      if (built.status !== 0) process.exit(built.status ?? 1);
    }
    server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
      env: {
        ...process.env,
        OPENAI_API_KEY: "",
        LOCAL_ENGINE_DELAY_MS: "0",
        PLAYGROUND_RATE_LIMIT_PER_MIN: "0",
        NEXT_TELEMETRY_DISABLED: "1",
        DATABASE_URL: "none",
      },
      stdio: ["ignore", "ignore", "inherit"],
    });
    await waitHealthy(BASE, 30_000);
    sampler = setInterval(() => {
      const rss = tree(server.pid).reduce((sum, p) => sum + statusKb(p, "VmRSS"), 0);
      peakRssKb = Math.max(peakRssKb, rss);
    }, 50);
  } else {
    await waitHealthy(BASE, 5_000);
  }

  const reference = await stream("/api/local/v1/responses");
  const expected = normalise(reference);
  if (!reference.includes("event: response.completed")) throw new Error("the direct stream did not complete");
  // Warm the proxy route once (first-request compilation is not throughput).
  await stream("/api/v1/responses");

  let ok = 0;
  let bad = 0;
  let limited = 0;
  let bytes = 0;
  const failures = [];
  const started = performance.now();
  for (let w = 0; w < WAVES && Date.now() < DEADLINE - 5_000; w++) {
    const results = await Promise.allSettled(Array.from({ length: CONCURRENCY }, () => stream("/api/v1/responses")));
    for (const r of results) {
      if (r.status === "fulfilled" && normalise(r.value) === expected) {
        ok++;
        bytes += Buffer.byteLength(r.value);
      } else {
        bad++;
        if (r.status === "rejected" && r.reason?.status === 429) limited++;
        if (failures.length < 3) failures.push(r.status === "rejected" ? String(r.reason) : "content differs from the direct stream");
      }
    }
  }
  const seconds = (performance.now() - started) / 1000;
  if (sampler) clearInterval(sampler);
  const hwm = server ? Math.max(...tree(server.pid).map((p) => statusKb(p, "VmHWM"))) : 0;

  console.log(
    `streams:        ${ok + bad} (${CONCURRENCY} concurrent × ${Math.ceil((ok + bad) / CONCURRENCY)} waves), ${ok} complete and identical, ${bad} failed`,
  );
  console.log(`stream size:    ${Buffer.byteLength(reference)} bytes, ${(reference.match(/^event: /gm) ?? []).length} events each`);
  console.log(`elapsed:        ${seconds.toFixed(2)} s`);
  console.log(`throughput:     ${((ok + bad) / seconds).toFixed(1)} streams/s, ${(bytes / seconds / 1024 / 1024).toFixed(2)} MB/s`);
  if (server)
    console.log(
      `server memory:  peak RSS ${(peakRssKb / 1024).toFixed(0)} MB (process tree, sampled), VmHWM ${(hwm / 1024).toFixed(0)} MB (largest process)`,
    );
  else console.log("server memory:  not measured (--url: the server is not a child of this script)");
  for (const f of failures) console.log(`failure:        ${f}`);
  if (limited > 0) console.log(RATE_LIMITED_HINT(limited));
  process.exitCode = bad === 0 && ok > 0 ? 0 : 1;
} catch (error) {
  console.error(`load: ${error instanceof Error ? error.message : error}`);
  if (error?.status === 429) console.error(RATE_LIMITED_HINT(1));
  process.exitCode = 1;
} finally {
  if (sampler) clearInterval(sampler);
  if (server) server.kill("SIGTERM");
}
