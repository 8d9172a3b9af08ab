import { defineConfig } from "vitest/config";
import base from "./vitest.config.mjs";

/**
 * The tests Stryker runs against each mutant (npm run mutation). Only the suites that exercise the mutated modules,
 * so a run stays within minutes on two cores; `MUTATION_SCOPE=security` narrows it to the key, address, access and
 * limit guards (the CI step), `wire` to the wire, reducer and markdown suites (`--only lib/responses/…`).
 */
const security = [
  "tests/upstream/redact.test.ts",
  "tests/upstream/net-guard.test.ts",
  "tests/upstream/access.test.ts",
  "tests/upstream/limits.test.ts",
  "tests/share/scrub.test.ts",
  // The stream redactor's split-read cases and the full IANA range table live beside the proxy's fault tests.
  "tests/security/key-redaction.test.ts",
  "tests/security/net-guard.test.ts",
];
const wire = [
  "tests/responses/**/*.test.ts",
  "tests/markdown/**/*.test.ts",
  "tests/security/fuzz.test.ts",
  "tests/share/replay.test.ts",
  "tests/share/recording.test.ts",
];

// Spread, not mergeConfig: mergeConfig would append to the base `include` instead of replacing it.
export default defineConfig({
  ...base,
  test: {
    ...base.test,
    // MUTATION_TESTS (comma-separated globs) narrows the suites further while iterating on one module.
    include: process.env.MUTATION_TESTS
      ? process.env.MUTATION_TESTS.split(",")
      : process.env.MUTATION_SCOPE === "security"
        ? security
        : process.env.MUTATION_SCOPE === "wire"
          ? wire
          : [...security, ...wire],
    // Stryker switches mutants at run time (mutant schemata), so the modules need not be loaded afresh per run:
    // without isolation each mutant costs its tests, not a new module graph.
    isolate: false,
  },
});
