import "server-only";
import { conversationIdOf } from "./conversation-param";
import { streamErrorEvent } from "@/lib/responses/error-event";
import { newId, nowSeconds } from "./ids";
import { pause } from "./pacing";
import { ResponseFailure, StreamCut, StreamError, type ItemScript, type ScriptContext, type ScriptStep } from "./scripts";
import type { TurnContext } from "./turn";
import type { EngineResponse, EngineStreamEvent, EventBody, OutputItem, ResponseStatus, ResponseUsage } from "./types";

/**
 * One response being generated: its state (status, output so far, usage) and THE generator of its events.
 * Streaming writes each event as it comes; the non-streaming path drains the same generator and returns the
 * final object, so both modes always agree. Background runs drain it detached and keep the events for followers.
 */

const TERMINAL: ReadonlySet<ResponseStatus> = new Set(["completed", "incomplete", "failed", "cancelled"]);

/** What an unfinished item becomes when the response is cancelled (each type's own status enum). */
const CANCELLED_ITEM_STATUS: Record<string, string> = { web_search_call: "failed", image_generation_call: "failed" };

export interface RunInit {
  turn: TurnContext;
  scripts: ItemScript[];
  store: boolean;
  background: boolean;
}

export class EngineRun {
  readonly id = newId("resp");
  readonly createdAt = nowSeconds();
  readonly turn: TurnContext;
  readonly previousResponseId: string | null;
  readonly store: boolean;
  readonly background: boolean;

  status: ResponseStatus;
  output: OutputItem[] = [];
  usage: ResponseUsage | undefined;
  error: EngineResponse["error"] = null;
  incompleteDetails: EngineResponse["incomplete_details"] = null;
  completedAt: number | null = null;

  private readonly scripts: ItemScript[];
  private readonly controller = new AbortController();
  private outputTokens = 0;
  private reasoningTokens = 0;
  /** Input tokens added while generating (passages retrieved by web and file search). */
  private retrievedTokens = 0;
  private budgetExhausted = false;
  private started = false;

  // Background runs only: every event, kept for `GET ?stream=true` followers.
  private readonly log: EngineStreamEvent[] = [];
  private pumpDone = false;
  private readonly waiters = new Set<() => void>();

  constructor(init: RunInit) {
    this.turn = init.turn;
    this.scripts = init.scripts;
    this.store = init.store;
    this.background = init.background;
    this.previousResponseId = init.turn.request.previous_response_id ?? null;
    this.status = init.background ? "queued" : "in_progress";
  }

  get finished(): boolean {
    return TERMINAL.has(this.status);
  }

  get signal(): AbortSignal {
    return this.controller.signal;
  }

  /**
   * Stops generation at once and marks the response `cancelled`, keeping the partial output (unfinished items
   * become `incomplete`). Synchronous, so a `GET` right after an abort already sees the cancellation.
   */
  cancel(): boolean {
    if (this.finished) return false;
    this.status = "cancelled";
    this.markUnfinished();
    this.usage = this.computeUsage();
    this.controller.abort();
    this.notify();
    return true;
  }

  /** Items still running when the response stops (cancelled or failed) get their type's "stopped" status. */
  private markUnfinished(fallback?: string): void {
    this.output = this.output.map((item) => {
      const status = (item as { status?: string }).status;
      if (status === undefined || status === "completed" || status === "incomplete" || status === "failed") return item;
      return { ...item, status: CANCELLED_ITEM_STATUS[item.type] ?? fallback ?? "incomplete" } as OutputItem;
    });
  }

  /** The Response object as it stands now (lifecycle events, GET, the non-streaming answer). */
  snapshot(): EngineResponse {
    const r = this.turn.request;
    const response: EngineResponse = {
      id: this.id,
      object: "response",
      created_at: this.createdAt,
      status: this.status,
      background: this.background,
      completed_at: this.completedAt,
      error: this.error,
      incomplete_details: this.incompleteDetails,
      instructions: (r.instructions ?? null) as EngineResponse["instructions"],
      max_output_tokens: r.max_output_tokens ?? null,
      max_tool_calls: r.max_tool_calls ?? null,
      model: r.model,
      output: [...this.output],
      parallel_tool_calls: r.parallel_tool_calls ?? true,
      previous_response_id: this.previousResponseId,
      prompt_cache_key: r.prompt_cache_key ?? null,
      reasoning: { ...r.reasoning, effort: (r.reasoning?.effort ?? null) as never, summary: r.reasoning?.summary ?? null },
      safety_identifier: r.safety_identifier ?? null,
      service_tier: effectiveServiceTier(r.service_tier),
      store: this.store,
      temperature: r.temperature ?? 1,
      text: { ...r.text, format: (r.text?.format ?? { type: "text" }) as never, verbosity: r.text?.verbosity ?? "medium" },
      tool_choice: (r.tool_choice ?? "auto") as EngineResponse["tool_choice"],
      tools: (r.tools ?? []) as unknown as EngineResponse["tools"],
      top_logprobs: r.top_logprobs ?? 0,
      top_p: r.top_p ?? 1,
      truncation: r.truncation ?? "disabled",
      metadata: r.metadata ?? {},
    };
    const conversation = conversationIdOf(r.conversation);
    if (conversation !== null) response.conversation = { id: conversation };
    // The spec types `usage` as an object (never null) and `user` as a string, so both are left out until known.
    if (this.usage) response.usage = this.usage;
    if (r.user !== undefined) response.user = r.user;
    return response;
  }

  /**
   * THE event generator. Lifecycle events frame the item scripts; deltas wait `delayMs`; an abort (request gone,
   * stream cancelled, `cancel` endpoint) ends it between two steps. Only one consumer may run it.
   */
  async *events(delayMs: number): AsyncGenerator<EngineStreamEvent, void, undefined> {
    if (this.started) throw new Error(`response ${this.id} is already generating`);
    this.started = true;
    const signal = this.signal;
    let sequence = 0;
    // Each event is a deep copy, so later changes to the run never alter an event already handed out.
    const numbered = (body: EventBody): EngineStreamEvent => structuredClone({ ...body, sequence_number: sequence++ }) as EngineStreamEvent;

    try {
      yield numbered({ type: "response.created", response: this.snapshot() });
      if (this.background) yield numbered({ type: "response.queued", response: this.snapshot() });
      if (signal.aborted) return;
      this.status = "in_progress";
      yield numbered({ type: "response.in_progress", response: this.snapshot() });

      try {
        for (const script of this.scripts) {
          if (this.budgetExhausted) break;
          const ctx = this.scriptContext(this.output.length);
          for (const step of script(ctx)) {
            if (step.paced) await pause(delayMs, signal);
            if (signal.aborted) return;
            this.apply(ctx.outputIndex, step);
            yield numbered(step.event);
            if (signal.aborted) return;
          }
        }
      } catch (err) {
        if (signal.aborted) return;
        this.status = "failed";
        this.markUnfinished("incomplete");
        this.usage = this.computeUsage();
        if (err instanceof StreamCut) {
          // `[cut]`: the stream simply ends, as when a connection drops; the stored response is failed.
          this.error = { code: "server_error", message: "The stream was cut on purpose: your message contains [cut]." };
          return;
        }
        if (err instanceof StreamError) {
          // An in-stream `error` event ends the stream; no terminal event follows (as with OpenAI).
          this.error = { code: err.code, message: err.message };
          // Flat (the spec) and nested under `error` (the live API; what SDKs raise on), one builder with the proxy.
          yield streamErrorEvent({ code: err.code, message: err.message }, sequence++) as unknown as EngineStreamEvent;
          return;
        }
        this.error =
          err instanceof ResponseFailure
            ? { code: err.code, message: err.message }
            : { code: "server_error", message: "The local engine hit an internal error while generating this response." };
        yield numbered({ type: "response.failed", response: this.snapshot() });
        return;
      }

      this.usage = this.computeUsage();
      if (this.budgetExhausted) {
        this.status = "incomplete";
        this.incompleteDetails = { reason: "max_output_tokens" };
        yield numbered({ type: "response.incomplete", response: this.snapshot() });
      } else {
        this.status = "completed";
        this.completedAt = nowSeconds();
        yield numbered({ type: "response.completed", response: this.snapshot() });
      }
    } finally {
      // The consumer stopped early (return() on the generator) before a terminal event: that is a cancellation.
      if (!this.finished) this.cancel();
      this.notify();
    }
  }

  /** Background mode: generate detached from the request that started it; followers read the kept events. */
  startInBackground(delayMs: number, sink?: { push(event: EngineStreamEvent): void; end(): Promise<void> }): void {
    void (async () => {
      try {
        for await (const event of this.events(delayMs)) {
          this.log.push(event);
          sink?.push(event);
          this.notify();
        }
      } finally {
        await sink?.end();
        this.pumpDone = true;
        this.notify();
      }
    })();
  }

  /** Events of a background run after `startingAfter`, live until it ends (or `signal` aborts). */
  async *follow(startingAfter: number, signal: AbortSignal): AsyncGenerator<EngineStreamEvent, void, undefined> {
    let next = 0;
    for (;;) {
      while (next < this.log.length) {
        const event = this.log[next++];
        if (event && event.sequence_number > startingAfter) yield event;
      }
      if (this.pumpDone || signal.aborted) return;
      await new Promise<void>((resolve) => {
        const wake = () => {
          this.waiters.delete(wake);
          signal.removeEventListener("abort", wake);
          resolve();
        };
        this.waiters.add(wake);
        signal.addEventListener("abort", wake, { once: true });
      });
    }
  }

  private scriptContext(outputIndex: number): ScriptContext {
    const maxTokens = this.turn.request.max_output_tokens ?? Number.POSITIVE_INFINITY;
    return {
      outputIndex,
      take: (tokens, kind = "output") => {
        if (this.outputTokens + tokens > maxTokens) {
          this.budgetExhausted = true;
          return false;
        }
        this.outputTokens += tokens;
        if (kind === "reasoning") this.reasoningTokens += tokens;
        return true;
      },
      addInputTokens: (tokens) => {
        this.retrievedTokens += Math.max(0, tokens);
      },
    };
  }

  /** Keeps `output` equal to what a client has assembled from the events so far. */
  private apply(outputIndex: number, step: ScriptStep): void {
    const event = step.event;
    const item = step.snapshot ?? ("item" in event ? (event.item as OutputItem) : undefined);
    if (item) this.output[outputIndex] = item;
  }

  private computeUsage(): ResponseUsage {
    const input = this.turn.inputTokens + this.retrievedTokens;
    return {
      input_tokens: input,
      input_tokens_details: { cached_tokens: 0, cache_write_tokens: 0 },
      output_tokens: this.outputTokens,
      output_tokens_details: { reasoning_tokens: this.reasoningTokens },
      total_tokens: input + this.outputTokens,
    };
  }

  private notify(): void {
    for (const wake of [...this.waiters]) wake();
  }
}

/** The response reports the tier actually used: `auto` runs on `default`, and `fast` is reported as `priority`. */
function effectiveServiceTier(requested: string | null | undefined): EngineResponse["service_tier"] {
  if (requested == null || requested === "auto") return "default";
  if (requested === "fast") return "priority";
  return requested as EngineResponse["service_tier"];
}
