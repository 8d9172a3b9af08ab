#!/usr/bin/env node
// Runs a command with TEST_DATABASE_URL pointing at a throwaway PostgreSQL cluster:
//   node scripts/with-postgres.mjs npx vitest run
// It initdb's a cluster in a temp dir on a free loopback port, starts it, runs the command, then stops the cluster
// and deletes the dir, whatever the command's outcome. The command's exit code is passed through.
// - TEST_DATABASE_URL already set: the command runs against that database, nothing is started.
// - No PostgreSQL binaries (Debian: apt-get install postgresql): a clear message, and the command runs without
//   TEST_DATABASE_URL, so the PostgreSQL half of the store tests reports itself skipped.
// - Running as root (CI): initdb refuses root, so the cluster is created and run as the `postgres` user (or
//   `nobody`) through runuser, in a dir that user owns.
import { spawn, spawnSync } from "node:child_process";
import { chmodSync, chownSync, existsSync, mkdtempSync, readdirSync, readFileSync, rmSync } from "node:fs";
import { createServer } from "node:net";
import { tmpdir } from "node:os";
import { join } from "node:path";

const command = process.argv.slice(2);
if (command.length === 0) {
  console.error("usage: node scripts/with-postgres.mjs <command> [args…]");
  process.exit(2);
}

function log(message) {
  console.log(`[with-postgres] ${message}`);
}

function runCommand(env) {
  return new Promise((resolve) => {
    const child = spawn(command[0], command.slice(1), { stdio: "inherit", env, shell: process.platform === "win32" });
    const forward = (signal) => child.kill(signal);
    process.on("SIGINT", forward);
    process.on("SIGTERM", forward);
    child.on("exit", (code, signal) => {
      process.off("SIGINT", forward);
      process.off("SIGTERM", forward);
      resolve(code ?? (signal ? 1 : 0));
    });
  });
}

/** The directory holding initdb/pg_ctl: $PG_BIN, pg_config --bindir, Debian's /usr/lib/postgresql/<newest>/bin, PATH. */
function findPgBin() {
  const candidates = [];
  if (process.env.PG_BIN) candidates.push(process.env.PG_BIN);
  const cfg = spawnSync("pg_config", ["--bindir"], { encoding: "utf8" });
  if (cfg.status === 0 && cfg.stdout.trim()) candidates.push(cfg.stdout.trim());
  const debian = "/usr/lib/postgresql";
  if (existsSync(debian)) {
    const versions = readdirSync(debian)
      .filter((v) => /^\d+(\.\d+)?$/.test(v))
      .sort((a, b) => Number(b) - Number(a));
    for (const v of versions) candidates.push(join(debian, v, "bin"));
  }
  for (const dir of candidates) if (existsSync(join(dir, "initdb")) && existsSync(join(dir, "pg_ctl"))) return dir;
  const which = spawnSync("sh", ["-c", "command -v initdb"], { encoding: "utf8" });
  if (which.status === 0 && which.stdout.trim()) {
    const dir = which.stdout.trim().replace(/\/initdb$/, "");
    if (existsSync(join(dir, "pg_ctl"))) return dir;
  }
  return null;
}

function freePort() {
  return new Promise((resolve, reject) => {
    const server = createServer();
    server.unref();
    server.on("error", reject);
    server.listen(0, "127.0.0.1", () => {
      const address = server.address();
      server.close(() => resolve(typeof address === "object" && address ? address.port : 0));
    });
  });
}

/** As root, the user to run PostgreSQL as: `postgres` when it exists, else `nobody`. */
function serviceUser() {
  if (typeof process.getuid !== "function" || process.getuid() !== 0) return null;
  for (const name of ["postgres", "nobody"]) {
    const id = spawnSync("id", ["-u", name], { encoding: "utf8" });
    const gid = spawnSync("id", ["-g", name], { encoding: "utf8" });
    if (id.status === 0 && gid.status === 0) return { name, uid: Number(id.stdout.trim()), gid: Number(gid.stdout.trim()) };
  }
  return undefined;
}

function asUser(user, bin, args) {
  if (!user) return spawnSync(bin, args, { encoding: "utf8" });
  return spawnSync("runuser", ["-u", user.name, "--", bin, ...args], { encoding: "utf8" });
}

async function main() {
  if (process.env.TEST_DATABASE_URL) {
    log("TEST_DATABASE_URL is already set; using it.");
    return runCommand(process.env);
  }
  const bin = findPgBin();
  if (!bin) {
    log(
      "PostgreSQL binaries not found (Debian: apt-get install postgresql). The PostgreSQL store tests will be SKIPPED; SQLite still runs.",
    );
    return runCommand(process.env);
  }
  const user = serviceUser();
  if (user === undefined) {
    log(
      "Running as root and neither a `postgres` nor a `nobody` user exists, so initdb cannot run. The PostgreSQL store tests will be SKIPPED.",
    );
    return runCommand(process.env);
  }

  const dir = mkdtempSync(join(tmpdir(), "rp-pg-"));
  const data = join(dir, "data");
  const logFile = join(dir, "server.log");
  if (user) {
    chownSync(dir, user.uid, user.gid);
    chmodSync(dir, 0o700);
  }
  const port = await freePort();
  const pgctl = join(bin, "pg_ctl");
  let started = false;

  const stop = () => {
    if (started) asUser(user, pgctl, ["-D", data, "-m", "immediate", "-w", "stop"]);
    started = false;
    rmSync(dir, { recursive: true, force: true });
  };
  process.on("exit", stop);

  const init = asUser(user, join(bin, "initdb"), ["-D", data, "-U", "postgres", "--auth=trust", "-E", "UTF8", "--no-locale", "--no-sync"]);
  if (init.status !== 0) {
    log(`initdb failed; the PostgreSQL store tests will be SKIPPED.\n${init.stderr || init.stdout}`);
    stop();
    return runCommand(process.env);
  }
  // Loopback only, socket in our temp dir (the default /var/run/postgresql may not be writable), no fsync: a
  // throwaway cluster for tests.
  const options = `-p ${port} -c listen_addresses=127.0.0.1 -c unix_socket_directories=${dir} -c fsync=off -c synchronous_commit=off -c full_page_writes=off`;
  const start = asUser(user, pgctl, ["-D", data, "-o", options, "-l", logFile, "-w", "-t", "60", "start"]);
  if (start.status !== 0) {
    let serverLog = "";
    try {
      serverLog = readFileSync(logFile, "utf8");
    } catch {
      // no log written
    }
    log(`PostgreSQL did not start; the PostgreSQL store tests will be SKIPPED.\n${start.stderr || start.stdout}\n${serverLog}`);
    stop();
    return runCommand(process.env);
  }
  started = true;
  const url = `postgres://postgres@127.0.0.1:${port}/postgres`;
  log(
    `PostgreSQL ${bin.match(/postgresql\/([^/]+)/)?.[1] ?? ""} started on 127.0.0.1:${port}${user ? ` (as ${user.name})` : ""}; TEST_DATABASE_URL=${url}`,
  );
  try {
    // The data dir too: its postmaster.pid names the server's pid (tests freeze it with SIGSTOP).
    return await runCommand({ ...process.env, TEST_DATABASE_URL: url, TEST_DATABASE_DIR: data });
  } finally {
    stop();
    log("PostgreSQL stopped and its temp cluster removed.");
  }
}

main().then(
  (code) => process.exit(code),
  (error) => {
    console.error(error);
    process.exit(1);
  },
);
