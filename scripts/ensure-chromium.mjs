#!/usr/bin/env node
// Finds a Chromium for Playwright, installing Debian's package when we are root and it is missing.
// Playwright's own browser download cannot work on machines without general internet access.
import { execSync } from "node:child_process";
import { existsSync } from "node:fs";

const candidates = [process.env.CHROMIUM_PATH, "/usr/bin/chromium", "/usr/bin/chromium-browser"].filter(Boolean);
const found = () => candidates.find((p) => existsSync(p));

if (found()) {
  process.exit(0);
}

const isRoot = typeof process.getuid === "function" && process.getuid() === 0;
const hasApt = existsSync("/usr/bin/apt-get");
if (isRoot && hasApt) {
  console.log("Chromium not found: installing Debian's chromium package (apt-get)…");
  try {
    execSync("apt-get update -qq && DEBIAN_FRONTEND=noninteractive apt-get install -y -qq chromium", { stdio: "inherit" });
  } catch {
    // Fall through to the message below.
  }
  if (found()) process.exit(0);
}

console.error(
  [
    "",
    "The end-to-end tests need Chromium and none was found.",
    "  Debian/Ubuntu:  sudo apt-get install -y chromium",
    "  Elsewhere:      install Chromium and set CHROMIUM_PATH=/path/to/chromium",
    "",
  ].join("\n"),
);
process.exit(1);
