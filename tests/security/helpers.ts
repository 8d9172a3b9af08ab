import { outputText, type RunState } from "@/lib/responses/run-state";
import { createResponsesRun } from "@/lib/run/responses";
import type { Run } from "@/lib/run/run";

/** A frame scheduler that publishes at once (no animation frames in Node). */
export const publishAtOnce = (callback: () => void): (() => void) => {
  callback();
  return () => {};
};

/**
 * Folds a proxied answer into view state through the page's own run (`lib/run/`: fetch → SSE → fold → ending), with
 * the answer handed in by an injected `fetch`. The run is returned so a test can read its state again later.
 */
export async function foldAnswer(res: Response): Promise<{ state: RunState; text: string; run: Run<RunState> }> {
  const run = createResponsesRun({ fetch: () => Promise.resolve(res), scheduleFrame: publishAtOnce });
  await run.start({ body: { model: "m", input: "x", stream: true } });
  const state = run.getState();
  return { state, text: outputText(state), run };
}
