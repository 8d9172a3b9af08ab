import { applyEvent, markHttpError, markInterrupted, markNetworkError } from "@/lib/responses/reducer";
import { initialRunState, outputText, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage, readSse } from "@/lib/responses/sse";

const TERMINAL = new Set(["completed", "incomplete", "failed"]);

/** Folds a proxied answer into view state exactly as the page does (components/stream/use-response-run.ts). */
export async function foldAnswer(res: Response): Promise<{ state: RunState; text: string }> {
  let state = initialRunState("connecting");
  if (!res.ok) {
    state = markHttpError(state, { status: res.status, body: await res.text(), retryAfter: res.headers.get("retry-after") });
    return { state, text: outputText(state) };
  }
  try {
    let i = 0;
    for await (const message of readSse(res.body!)) {
      const parsed = parseSseMessage(message);
      if (parsed.kind === "done") break;
      if (parsed.kind === "invalid") continue;
      state = applyEvent(state, parsed.event, i, i);
      i++;
    }
    if (!TERMINAL.has(state.status)) state = markInterrupted(state);
  } catch (error) {
    state = markNetworkError(state, error instanceof Error ? error.message : String(error));
  }
  return { state, text: outputText(state) };
}
