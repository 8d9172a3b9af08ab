import { rmSync } from "node:fs";

/** Removes the run's temp folder of throwaway databases (see tests/support/throwaway-db.ts) when the run ends. */
export default function setup(): () => void {
  return () => {
    const dir = process.env.RP_TEST_DATA_DIR;
    if (dir) rmSync(dir, { recursive: true, force: true });
  };
}
