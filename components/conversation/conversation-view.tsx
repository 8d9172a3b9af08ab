"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { OutputItems, OutputView, useItemContext, type OutputLinks } from "@/components/stream/output-view";
import { RunCost } from "@/components/stream/run-cost";
import { EndNote, ErrorBanner, UsageBar } from "@/components/stream/run-summary";
import type { FinishedTurn, useResponseRun } from "@/components/stream/use-response-run";
import {
  approvalRequestsOf,
  buildFollowUp,
  canChain,
  functionCallsOf,
  type ContinueMode,
  type InputItem,
  type TurnRecord,
} from "@/lib/responses/follow-up";
import { ConversationActionsContext, type ConversationActions } from "./conversation-actions";
import { FollowUpPanel } from "./follow-up-panel";
import { TurnInput } from "./turn-input";

type Runner = ReturnType<typeof useResponseRun>;

function outputOf(items: readonly { item: ResponseOutputItem }[]): ResponseOutputItem[] {
  return items.map((v) => v.item);
}

/** An earlier turn: what was sent, the answer rendered with the same item views, and a one-line summary. */
function EarlierTurn({ turn, index }: { turn: FinishedTurn; index: number }) {
  const context = useItemContext(turn.state, turn.request.body);
  const usage = turn.state.usage;
  const mode =
    typeof turn.request.body.previous_response_id === "string"
      ? "previous_response_id"
      : turn.request.body.store === false
        ? "replayed, store: false"
        : "new";
  return (
    <li className="flex flex-col gap-2" aria-label={`Turn ${index + 1}`}>
      <TurnInput items={turn.request.newItems} />
      <OutputItems items={turn.state.items} live={false} context={context} />
      <p className="flex flex-wrap gap-x-3 border-b border-dashed border-slate-200 pb-2 font-mono text-[10px] text-slate-400">
        <span>turn {index + 1}</span>
        <span>{turn.state.status}</span>
        {turn.state.responseId ? <span>{turn.state.responseId}</span> : null}
        <span>{mode}</span>
        {usage ? (
          <span>
            {usage.input_tokens} in · {usage.output_tokens} out
          </span>
        ) : null}
      </p>
    </li>
  );
}

/**
 * The conversation: earlier turns (input and rendered output) above the live one, then, once the live response is
 * finished, the follow-up panel (function outputs or a new message, continued by id or by replay). MCP approval
 * buttons in the live output send through the same path.
 */
export function ConversationView({ runner, links }: { runner: Runner; links: OutputLinks }) {
  const { state, request, history, continueWith, busy } = runner;
  const [mode, setMode] = useState<ContinueMode>("previous_response_id");
  const liveTurn = useRef<HTMLDivElement>(null);

  // A new turn starts below the earlier ones: bring it into view.
  useEffect(() => {
    if (history.length > 0) liveTurn.current?.scrollIntoView({ block: "start", behavior: "smooth" });
  }, [history.length]);

  const turns = useMemo<TurnRecord[]>(() => {
    const done = history.map((h) => ({ body: h.request.body, responseId: h.state.responseId, output: outputOf(h.state.items) }));
    return request ? [...done, { body: request.body, responseId: state.responseId, output: outputOf(state.items) }] : done;
  }, [history, request, state.responseId, state.items]);

  const finished = state.status === "completed" || state.status === "incomplete";
  const output = useMemo(() => turns.at(-1)?.output ?? [], [turns]);
  const calls = useMemo(() => (finished ? functionCallsOf(output) : []), [finished, output]);
  const approvals = useMemo(() => (finished ? approvalRequestsOf(output) : []), [finished, output]);

  const sendItems = useCallback(
    (items: InputItem[]) => {
      const effective = canChain(turns.at(-1) ?? null) ? mode : "replay";
      void continueWith(buildFollowUp(turns, items, effective), items);
    },
    [turns, mode, continueWith],
  );

  const actions = useMemo<ConversationActions>(
    () => ({
      respondToApproval: (id, approve) => sendItems([{ type: "mcp_approval_response", approval_request_id: id, approve }]),
      disabled: busy || !finished || calls.length > 0,
      disabledReason: busy
        ? null
        : calls.length > 0
          ? "Answer the function calls first."
          : !finished
            ? "The response has not finished."
            : null,
    }),
    [sendItems, busy, finished, calls.length],
  );

  return (
    <div className="flex flex-col gap-3">
      {/* The text a selected delta added (use-linked-selection.ts marks it with the CSS Custom Highlight API). */}
      <style>{"::highlight(rp-event){background-color:#fde68a;color:inherit}"}</style>
      {history.length > 0 ? (
        <ConversationActionsContext.Provider value={null}>
          <ol className="flex flex-col gap-3" aria-label="Earlier turns">
            {history.map((turn, i) => (
              <EarlierTurn key={i} turn={turn} index={i} />
            ))}
          </ol>
        </ConversationActionsContext.Provider>
      ) : null}
      {history.length > 0 && request ? (
        <div ref={liveTurn} className="scroll-mt-2">
          <TurnInput items={request.newItems} />
        </div>
      ) : null}
      <ErrorBanner state={state} />
      <ConversationActionsContext.Provider value={actions}>
        <OutputView state={state} request={request?.body ?? null} {...links} />
      </ConversationActionsContext.Provider>
      <EndNote state={state} />
      <UsageBar state={state} />
      <RunCost state={state} />
      {finished && request ? (
        <FollowUpPanel
          key={`${state.responseId ?? "none"}-${history.length}`}
          turns={turns}
          calls={calls}
          approvals={approvals.length}
          mode={mode}
          onModeChange={setMode}
          onSend={sendItems}
          busy={busy}
        />
      ) : null}
    </div>
  );
}
