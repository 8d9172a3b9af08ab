/**
 * The one compile-and-run check for exported code (tests/export/*): TypeScript files type-checked with the repo's
 * `tsc` under strict options and run with node, Python files through `python3 -m py_compile`, curl scripts with bash.
 */
import { execFile } from "node:child_process";
import { mkdirSync, mkdtempSync, rmSync, writeFileSync } from "node:fs";
import { join, resolve } from "node:path";
import { promisify } from "node:util";

export const run = promisify(execFile);
export const REPO = resolve(__dirname, "../..");

/** A scratch folder inside the repo (so `openai` and `@types/node` resolve from its node_modules), out of git's way. */
export function scratchDir(): { dir: string; remove: () => void } {
  const cacheRoot = join(REPO, "node_modules", ".cache");
  mkdirSync(cacheRoot, { recursive: true });
  const dir = mkdtempSync(join(cacheRoot, "rp-export-"));
  return { dir, remove: () => rmSync(dir, { recursive: true, force: true }) };
}

/** Writes `files` (name → source, as `.mts`) and type-checks them strictly; returns tsc's complaints ("" when clean). */
export async function compileTypeScript(dir: string, files: Record<string, string>): Promise<string> {
  const names = Object.keys(files);
  for (const name of names) writeFileSync(join(dir, `${name}.mts`), files[name]!);
  writeFileSync(
    join(dir, "tsconfig.json"),
    JSON.stringify({
      compilerOptions: {
        strict: true,
        target: "ES2022",
        module: "NodeNext",
        moduleResolution: "NodeNext",
        skipLibCheck: true,
        types: ["node"],
        typeRoots: [join(REPO, "node_modules", "@types")],
        outDir: "out",
      },
      files: names.map((n) => `${n}.mts`),
    }),
  );
  const tsc = await run(process.execPath, [join(REPO, "node_modules", "typescript", "bin", "tsc"), "-p", join(dir, "tsconfig.json")], {
    cwd: dir,
  }).catch((error: { stdout?: string; stderr?: string }) => ({
    stdout: error.stdout ?? "",
    stderr: error.stderr ?? String(error),
    failed: true,
  }));
  return "failed" in tsc ? `${tsc.stdout}${tsc.stderr}` : "";
}

/** Runs a compiled file (`compileTypeScript` first) with node and the given key in the environment; its stdout. */
export async function runCompiled(dir: string, name: string, key: string): Promise<string> {
  const { stdout } = await run(process.execPath, [join(dir, "out", `${name}.mjs`)], {
    cwd: dir,
    env: { ...process.env, OPENAI_API_KEY: key },
    timeout: 20_000,
  });
  return stdout;
}

/** Runs a curl script with bash (curl made silent and failing on HTTP errors); its stdout. */
export async function runCurl(dir: string, name: string, script: string, key: string): Promise<string> {
  const file = join(dir, `${name}.sh`);
  writeFileSync(file, script.replace(/^curl /m, "curl -sS --fail-with-body "));
  const { stdout } = await run("bash", [file], { env: { ...process.env, OPENAI_API_KEY: key }, timeout: 20_000 });
  return stdout;
}

/** Writes a Python file and byte-compiles it; rejects with python's message when it does not compile. */
export async function compilePython(dir: string, name: string, source: string): Promise<void> {
  const file = join(dir, `${name}.py`);
  writeFileSync(file, source);
  await run("python3", ["-m", "py_compile", file]);
}
