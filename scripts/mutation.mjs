#!/usr/bin/env node
// Mutation testing (StrykerJS 9 + Vitest runner; Stryker 10 needs Node 22), then one score per module.
//
//   npm run mutation             every module below (security, wire and reducer, markdown); reports/mutation/
//   npm run mutation:ci          the security modules only, incremental, failing under 85 % (npm test runs this)
//   node scripts/mutation.mjs --only lib/responses/sse.ts   one module while iterating
//
// The tests Stryker runs are listed in vitest.mutation.mts. Equivalent survivors are listed in tests/MUTATION.md.
import { spawnSync } from "node:child_process";
import { existsSync, readFileSync, rmSync } from "node:fs";

export const SECURITY = [
  "lib/upstream/redact.ts",
  "lib/upstream/net-guard.ts",
  "lib/upstream/access.ts",
  "lib/upstream/limits.ts",
  "lib/share/scrub.ts",
];
const WIRE = ["lib/responses/*.ts", "lib/markdown/*.ts"];
const OTHER_UPSTREAM = ["lib/upstream/*.ts"];
const SECURITY_MIN = 85;
// A ratchet for modules still under their target: the CI step fails below the score they have reached, so the
// score can only go up; the table keeps showing the target. (Both were rewritten in December 2026: the stream
// redactor and the IANA range table; their new survivors are listed in tests/MUTATION.md.)
const CI_FLOOR = { "lib/upstream/net-guard.ts": 77, "lib/upstream/redact.ts": 80 };
const WIRE_MIN = 75;

const args = process.argv.slice(2);
const ci = args.includes("--ci");
const onlyAt = args.indexOf("--only");
const only = onlyAt >= 0 ? args[onlyAt + 1] : undefined;
const concurrencyAt = args.indexOf("--concurrency");
const concurrency = concurrencyAt >= 0 ? args[concurrencyAt + 1] : ci ? "2" : "2";

const mutate = only ? [only] : ci ? SECURITY : [...new Set([...SECURITY, ...OTHER_UPSTREAM, ...WIRE])];
const report = ci ? "reports/mutation/mutation-ci.json" : "reports/mutation/mutation.json";
const strykerArgs = [
  "stryker",
  "run",
  "--mutate",
  mutate.join(","),
  "--concurrency",
  concurrency,
  "--reporters",
  "json,progress-append-only",
];
if (ci) strykerArgs.push("--incremental", "--incrementalFile", "tests/mutation/stryker-incremental.json");

const started = Date.now();
const runStryker = () =>
  spawnSync("npx", strykerArgs, {
    stdio: "inherit",
    env: {
      ...process.env,
      MUTATION_SCOPE:
        ci || (only && SECURITY.includes(only.split(":")[0]))
          ? "security"
          : only && /^lib\/(responses|markdown)\//.test(only)
            ? "wire"
            : "all",
      MUTATION_REPORT: report,
    },
  });
rmSync(report, { force: true });
let res = runStryker();
// Once seen (1 run in 5 on this machine): the initial test run failed and the next four passed. Retried once, said
// aloud, so a second failure still fails; tests/MUTATION.md tracks it.
if (res.status !== 0 && !existsSync(report)) {
  console.error("mutation: Stryker failed before mutating anything; running it once more");
  res = runStryker();
}
if (res.status !== 0 || !existsSync(report)) {
  console.error(`mutation: Stryker exited with ${res.status}`);
  process.exit(1);
}

const json = JSON.parse(readFileSync(report, "utf8"));
const DETECTED = new Set(["Killed", "Timeout"]);
const VALID = new Set(["Killed", "Timeout", "Survived", "NoCoverage"]);
const rows = [];
for (const [file, { mutants }] of Object.entries(json.files)) {
  const valid = mutants.filter((m) => VALID.has(m.status));
  const detected = valid.filter((m) => DETECTED.has(m.status)).length;
  const survived = valid.filter((m) => m.status === "Survived").length;
  const noCoverage = valid.filter((m) => m.status === "NoCoverage").length;
  const score = valid.length ? (100 * detected) / valid.length : 100;
  const target = SECURITY.includes(file) ? SECURITY_MIN : /^lib\/responses\/(sse|reducer|annotations)\.ts$/.test(file) ? WIRE_MIN : null;
  const min = ci && target !== null && CI_FLOOR[file] !== undefined ? Math.min(target, CI_FLOOR[file]) : target;
  rows.push({ file, score, detected, survived, noCoverage, total: valid.length, min, target });
}
rows.sort((a, b) => a.file.localeCompare(b.file));
const width = Math.max(...rows.map((r) => r.file.length));
console.log("");
console.log(`${"module".padEnd(width)}  score   killed survived no-cov  target`);
for (const r of rows) {
  const floor = r.min !== r.target ? ` (target ${r.target}, CI floor ${r.min})` : "";
  const mark = r.min === null ? "" : (r.score >= r.min ? `>= ${r.min} ok` : `< ${r.min} LOW`) + floor;
  console.log(
    `${r.file.padEnd(width)}  ${r.score.toFixed(1).padStart(5)}%  ${String(r.detected).padStart(6)} ${String(r.survived).padStart(8)} ${String(r.noCoverage).padStart(6)}  ${mark}`,
  );
}
const seconds = Math.round((Date.now() - started) / 1000);
const low = rows.filter((r) => r.min !== null && r.score < r.min);
console.log(
  `mutation: ${rows.length} modules in ${seconds} s; ${low.length ? `below target: ${low.map((r) => r.file).join(", ")}` : "every target met"}`,
);
process.exit(low.length && (ci || !only) ? 1 : 0);
