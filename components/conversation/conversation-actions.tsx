"use client";

import { createContext, useContext } from "react";

/**
 * What an output item can ask of the conversation around it: answering an MCP approval request sends an
 * `mcp_approval_response` right away, continued the way the follow-up panel is set to. Absent (null) for earlier
 * turns of the thread, which can no longer be answered.
 */
export interface ConversationActions {
  respondToApproval: (approvalRequestId: string, approve: boolean) => void;
  /** A request is running, or this response cannot be continued. */
  disabled: boolean;
  disabledReason: string | null;
}

export const ConversationActionsContext = createContext<ConversationActions | null>(null);

export function useConversationActions(): ConversationActions | null {
  return useContext(ConversationActionsContext);
}
