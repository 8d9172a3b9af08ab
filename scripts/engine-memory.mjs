#!/usr/bin/env node
// Measures the local engine's memory for what it keeps: 100 stored responses with 5 MB inputs, and one 8 MB file
// attached to 100 vector stores. Starts the production build (`next start`, build first) on a loopback port with a
// fresh SQLite file, and prints the server's RSS (peak, sampled every 100 ms) after each case.
//   node scripts/engine-memory.mjs [--port=3310] [--case=responses|vector-stores|both]
import { spawn } from "node:child_process";
import { mkdtempSync, readFileSync, rmSync } from "node:fs";
import { tmpdir } from "node:os";
import { join } from "node:path";

const arg = (name, fallback) => process.argv.find((a) => a.startsWith(`--${name}=`))?.split("=")[1] ?? fallback;
const PORT = Number(arg("port", "3310"));
const CASE = arg("case", "both");
const base = `http://127.0.0.1:${PORT}/api/local/v1`;

function rssMb(pid) {
  const status = readFileSync(`/proc/${pid}/status`, "utf8");
  return Number(/VmRSS:\s+(\d+)/.exec(status)?.[1] ?? 0) / 1024;
}

async function withServer(fn) {
  const dir = mkdtempSync(join(tmpdir(), "rp-mem-"));
  const server = spawn(process.execPath, ["node_modules/next/dist/bin/next", "start", "-p", String(PORT), "-H", "127.0.0.1"], {
    env: { ...process.env, DATABASE_URL: `file:${join(dir, "db.sqlite")}`, LOCAL_ENGINE_DELAY_MS: "0", PLAYGROUND_RATE_LIMIT_PER_MIN: "0" },
    stdio: "ignore",
  });
  try {
    for (let i = 0; ; i++) {
      try {
        if ((await fetch(`${base}/models`)).ok) break;
      } catch {
        // not up yet
      }
      if (i > 300) throw new Error("server did not start");
      await new Promise((r) => setTimeout(r, 100));
    }
    let peak = 0;
    const timer = setInterval(() => (peak = Math.max(peak, rssMb(server.pid))), 100);
    const start = rssMb(server.pid);
    await fn();
    await new Promise((r) => setTimeout(r, 500));
    clearInterval(timer);
    return { start, end: rssMb(server.pid), peak: Math.max(peak, rssMb(server.pid)) };
  } finally {
    server.kill("SIGTERM");
    rmSync(dir, { recursive: true, force: true });
  }
}

const fmt = (r) => `RSS start ${r.start.toFixed(0)} MB, after ${r.end.toFixed(0)} MB, peak ${r.peak.toFixed(0)} MB`;

if (CASE !== "vector-stores") {
  const input = "lorem ipsum dolor sit amet ".repeat(Math.ceil((5 * 1024 * 1024) / 27)).slice(0, 5 * 1024 * 1024);
  const t0 = Date.now();
  const r = await withServer(async () => {
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${base}/responses`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ model: "local-echo-1", input: `${i} ${input}` }),
      });
      await res.arrayBuffer();
    }
  });
  console.log(`100 stored responses × 5 MB input: ${fmt(r)} (${((Date.now() - t0) / 1000).toFixed(0)} s)`);
}
if (CASE !== "responses") {
  const r = await withServer(async () => {
    const text = "The quick brown fox jumps over the lazy dog. ".repeat(Math.ceil((8 * 1024 * 1024) / 45)).slice(0, 8 * 1024 * 1024);
    const form = new FormData();
    form.set("purpose", "assistants");
    form.set("file", new Blob([text], { type: "text/plain" }), "big.txt");
    const file = await (await fetch(`${base}/files`, { method: "POST", body: form })).json();
    for (let i = 0; i < 100; i++) {
      const res = await fetch(`${base}/vector_stores`, {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify({ name: `s${i}`, file_ids: [file.id] }),
      });
      await res.arrayBuffer();
    }
  });
  console.log(`one 8 MB file in 100 vector stores: ${fmt(r)}`);
}
