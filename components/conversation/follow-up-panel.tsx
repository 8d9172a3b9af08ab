"use client";

import { useId, useMemo, useState } from "react";
import { CodeView } from "@/components/ui/code-view";
import {
  buildFollowUp,
  canChain,
  checkOutputs,
  functionCallOutput,
  type ContinueMode,
  type InputItem,
  type OutputDraft,
  type PendingCall,
  type TurnRecord,
} from "@/lib/responses/follow-up";

const field =
  "w-full rounded-md border border-slate-300 bg-white px-2.5 py-1.5 text-sm shadow-sm outline-none focus:border-blue-500 focus:ring-2 focus:ring-blue-100";

/** How the next request continues: by id (the server keeps the history) or by replaying everything (store: false). */
export function ModePicker({ mode, onChange, chainable }: { mode: ContinueMode; onChange: (m: ContinueMode) => void; chainable: boolean }) {
  const name = useId();
  const option = (value: ContinueMode, label: string, hint: string, disabled: boolean) => (
    <label
      className={`flex cursor-pointer items-start gap-2 rounded-md border px-2 py-1.5 text-xs ${
        mode === value ? "border-blue-400 bg-blue-50" : "border-slate-200 bg-white"
      } ${disabled ? "cursor-not-allowed opacity-50" : ""}`}
      title={hint}
    >
      <input
        type="radio"
        name={name}
        value={value}
        checked={mode === value}
        disabled={disabled}
        onChange={() => onChange(value)}
        className="mt-0.5 accent-blue-600"
      />
      <span>
        <span className="block font-medium text-slate-800">{label}</span>
        <span className="block text-slate-500">{hint}</span>
      </span>
    </label>
  );
  return (
    <fieldset className="grid grid-cols-1 gap-1.5 sm:grid-cols-2" aria-label="Continue with">
      {option(
        "previous_response_id",
        "previous_response_id",
        chainable
          ? "Send only the new items; the server keeps the history."
          : "Needs a stored response (this one was sent with store: false).",
        !chainable,
      )}
      {option("replay", "Replay the whole input (store: false)", "Send everything again; nothing is kept on the server.", false)}
    </fieldset>
  );
}

function OutputBox({
  call,
  draft,
  onChange,
  problem,
}: {
  call: PendingCall;
  draft: OutputDraft;
  onChange: (d: OutputDraft) => void;
  problem: string | null;
}) {
  const id = useId();
  const formatName = useId();
  return (
    <div className="rounded-md border border-sky-200 bg-white p-2">
      <div className="mb-1 flex flex-wrap items-baseline justify-between gap-2">
        <label htmlFor={id} className="text-sm font-medium text-slate-800">
          Output for <span className="font-mono">{call.name}</span>
        </label>
        <span className="font-mono text-[11px] text-slate-500">{call.callId}</span>
      </div>
      <p className="mb-1 truncate font-mono text-[11px] text-slate-500" title={call.arguments}>
        {call.name}({call.arguments})
      </p>
      <textarea
        id={id}
        className={`${field} min-h-[72px] resize-y font-mono text-[12.5px] ${problem ? "border-red-400" : ""}`}
        placeholder={draft.format === "json" ? '{"temperature": 21, "conditions": "sunny"}' : "What the function returned"}
        value={draft.text}
        aria-invalid={problem ? true : undefined}
        onChange={(e) => onChange({ ...draft, text: e.target.value })}
      />
      <div className="mt-1 flex items-center gap-3 text-xs text-slate-600" role="radiogroup" aria-label={`Format of ${call.name}'s output`}>
        {(["json", "text"] as const).map((f) => (
          <label key={f} className="flex items-center gap-1">
            <input
              type="radio"
              name={formatName}
              checked={draft.format === f}
              onChange={() => onChange({ ...draft, format: f })}
              className="accent-blue-600"
            />
            {f === "json" ? "JSON (checked, sent compact)" : "Text (sent as typed)"}
          </label>
        ))}
      </div>
      {problem ? <p className="mt-1 text-xs text-red-700">{problem}</p> : null}
    </div>
  );
}

/**
 * What comes after a finished response: a box for each function call's output, or a reply; how to continue
 * (previous_response_id or replay); a preview of the exact request; and the check that every call has exactly one
 * output before anything is sent.
 */
export function FollowUpPanel({
  turns,
  calls,
  approvals,
  mode,
  onModeChange,
  onSend,
  busy,
}: {
  turns: readonly TurnRecord[];
  calls: readonly PendingCall[];
  approvals: number;
  mode: ContinueMode;
  onModeChange: (mode: ContinueMode) => void;
  onSend: (items: InputItem[]) => void;
  busy: boolean;
}) {
  const replyId = useId();
  const chainable = canChain(turns.at(-1) ?? null);
  const effective: ContinueMode = chainable ? mode : "replay";
  const [drafts, setDrafts] = useState<OutputDraft[]>(() => calls.map((c) => ({ callId: c.callId, text: "", format: "json" })));
  const [reply, setReply] = useState("");
  const [problems, setProblems] = useState<ReturnType<typeof checkOutputs>>([]);

  const answeringCalls = calls.length > 0;
  const items = useMemo<InputItem[] | null>(() => {
    if (answeringCalls) {
      if (checkOutputs(calls, drafts).length > 0) return null;
      return drafts.map(functionCallOutput);
    }
    return reply.trim() === "" ? null : [{ role: "user", content: reply }];
  }, [answeringCalls, calls, drafts, reply]);

  const preview = useMemo(() => {
    try {
      return JSON.stringify(buildFollowUp(turns, items ?? [], effective), null, 2);
    } catch (err) {
      return err instanceof Error ? err.message : String(err);
    }
  }, [turns, items, effective]);

  const send = () => {
    if (busy) return;
    if (answeringCalls) {
      const found = checkOutputs(calls, drafts);
      setProblems(found);
      if (found.length > 0) return;
      onSend(drafts.map(functionCallOutput));
      return;
    }
    if (reply.trim() === "") {
      setProblems([{ callId: null, message: "Write a message first." }]);
      return;
    }
    setProblems([]);
    onSend([{ role: "user", content: reply }]);
  };

  const problemFor = (callId: string) => problems.find((p) => p.callId === callId)?.message ?? null;

  return (
    <section aria-label="Continue the conversation" className="flex flex-col gap-2.5 rounded-lg border border-slate-200 bg-slate-50 p-3">
      <div className="flex items-baseline justify-between gap-2">
        <h3 className="text-sm font-semibold text-slate-800">
          {answeringCalls
            ? `Answer ${calls.length === 1 ? "the function call" : `the ${calls.length} function calls`}`
            : "Continue the conversation"}
        </h3>
        <span className="text-[11px] text-slate-500">turn {turns.length + 1}</span>
      </div>
      <ModePicker mode={effective} onChange={onModeChange} chainable={chainable} />
      {answeringCalls ? (
        <div className="flex flex-col gap-2">
          {calls.map((call) => (
            <OutputBox
              key={call.callId}
              call={call}
              draft={drafts.find((d) => d.callId === call.callId) ?? { callId: call.callId, text: "", format: "json" }}
              onChange={(d) => {
                setDrafts((all) => all.map((x) => (x.callId === d.callId ? d : x)));
                // A problem is about what was there at Send: editing that box clears it.
                setProblems((all) => all.filter((p) => p.callId !== d.callId));
              }}
              problem={problemFor(call.callId)}
            />
          ))}
        </div>
      ) : (
        <div className="flex flex-col gap-1">
          {approvals > 0 ? <p className="text-xs text-slate-600">Approve or deny the MCP request above, or write a message.</p> : null}
          <label htmlFor={replyId} className="sr-only">
            Reply
          </label>
          <textarea
            id={replyId}
            className={`${field} min-h-[64px] resize-y`}
            placeholder="Your next message… (Ctrl/⌘ + Enter to send)"
            value={reply}
            onChange={(e) => {
              setReply(e.target.value);
              setProblems([]);
            }}
            onKeyDown={(e) => {
              if (e.key === "Enter" && (e.metaKey || e.ctrlKey)) {
                e.preventDefault();
                send();
              }
            }}
          />
        </div>
      )}
      {problems.length > 0 ? (
        <div role="alert" className="rounded-md border border-red-200 bg-red-50 px-2 py-1.5 text-xs text-red-900">
          <p className="font-semibold">Not sent: {answeringCalls ? "every function call needs exactly one output." : "nothing to send."}</p>
          <ul className="mt-0.5 list-disc pl-4">
            {problems.map((p, i) => (
              <li key={i}>{p.message}</li>
            ))}
          </ul>
        </div>
      ) : null}
      <div className="flex items-center justify-between gap-2">
        <details className="min-w-0 flex-1 text-xs">
          <summary className="cursor-pointer text-slate-600">Preview the request</summary>
          <CodeView code={preview} lang="json" className="mt-1 max-h-72 bg-white" label="Preview of the follow-up request" />
        </details>
        <button
          type="button"
          onClick={send}
          disabled={busy}
          className="shrink-0 self-start rounded-md bg-blue-600 px-4 py-1.5 text-sm font-medium text-white shadow-sm hover:bg-blue-700 disabled:cursor-not-allowed disabled:bg-blue-300"
        >
          {answeringCalls ? (calls.length === 1 ? "Send output" : "Send outputs") : "Send"}
        </button>
      </div>
    </section>
  );
}
