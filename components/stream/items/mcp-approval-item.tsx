"use client";

import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { useConversationActions } from "@/components/conversation/conversation-actions";
import { ArgumentsView, Field } from "./shared";

/** An MCP approval request: what the model wants to run, with Approve / Deny sent back as `mcp_approval_response`. */
export function McpApprovalBody({ item }: { item: ResponseOutputItem.McpApprovalRequest }) {
  const actions = useConversationActions();
  return (
    <div className="flex flex-col gap-2 text-sm">
      <p>
        The model wants to call <span className="font-mono font-semibold">{item.name}</span> on the MCP server{" "}
        <span className="font-mono">{item.server_label}</span>. It waits for your decision.
      </p>
      <ArgumentsView text={item.arguments ?? ""} complete label={`Arguments of ${item.name}`} />
      <Field name="request id">
        <span className="font-mono">{item.id}</span>
      </Field>
      {actions ? (
        <div className="flex flex-wrap items-center gap-2">
          <button
            type="button"
            disabled={actions.disabled}
            onClick={() => actions.respondToApproval(item.id, true)}
            className="rounded-md bg-emerald-600 px-3 py-1 text-sm font-medium text-white hover:bg-emerald-700 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Approve
          </button>
          <button
            type="button"
            disabled={actions.disabled}
            onClick={() => actions.respondToApproval(item.id, false)}
            className="rounded-md border border-slate-300 bg-white px-3 py-1 text-sm font-medium text-slate-800 hover:bg-slate-50 disabled:cursor-not-allowed disabled:opacity-50"
          >
            Deny
          </button>
          {actions.disabledReason ? <span className="text-xs text-slate-500">{actions.disabledReason}</span> : null}
        </div>
      ) : null}
    </div>
  );
}
