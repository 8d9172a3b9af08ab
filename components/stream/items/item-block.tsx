"use client";

import { memo } from "react";
import type { ResponseOutputItem } from "openai/resources/responses/responses";
import { CodeView } from "@/components/ui/code-view";
import { itemEventCount } from "@/lib/responses/reducer";
import type { ItemView } from "@/lib/responses/run-state";
import type { IconName } from "../icons";
import { ComputerCallBody } from "./computer-call-item";
import { CustomToolCallBody, FunctionCallBody } from "./function-call-item";
import { McpApprovalBody } from "./mcp-approval-item";
import { MessageBody } from "./message-item";
import { ReasoningBody } from "./reasoning-item";
import { FileSearchBody, WebSearchBody } from "./search-items";
import { ItemShell, type ItemContext, type Tone } from "./shared";
import { CodeInterpreterBody, ImageGenerationBody, McpCallBody, McpListToolsBody } from "./tool-items";

export interface ItemBlockProps {
  view: ItemView;
  /** The run is still producing this item (cursors, "thinking…"). */
  live: boolean;
  highlighted: boolean;
  eventsShown: boolean;
  onShowEvents?: (key: string) => void;
  context: ItemContext;
}

const KINDS: Partial<Record<ResponseOutputItem["type"], { kind: string; tone: Tone; icon: IconName }>> = {
  message: { kind: "Message", tone: "slate", icon: "message" },
  reasoning: { kind: "Reasoning", tone: "violet", icon: "reasoning" },
  function_call: { kind: "Function call", tone: "sky", icon: "function" },
  custom_tool_call: { kind: "Custom tool call", tone: "sky", icon: "tool" },
  web_search_call: { kind: "Web search", tone: "emerald", icon: "globe" },
  file_search_call: { kind: "File search", tone: "teal", icon: "files" },
  computer_call: { kind: "Computer call", tone: "orange", icon: "pointer" },
  image_generation_call: { kind: "Image generation", tone: "fuchsia", icon: "image" },
  code_interpreter_call: { kind: "Code interpreter", tone: "indigo", icon: "code" },
  mcp_list_tools: { kind: "MCP tools", tone: "slate", icon: "plug" },
  mcp_call: { kind: "MCP call", tone: "indigo", icon: "plug" },
  mcp_approval_request: { kind: "MCP approval request", tone: "amber", icon: "hand" },
};

function body(item: ResponseOutputItem, live: boolean, context: ItemContext) {
  switch (item.type) {
    case "message":
      return <MessageBody item={item} live={live} />;
    case "reasoning":
      return <ReasoningBody item={item} live={live} reasoningTokens={context.reasoningTokens} />;
    case "function_call":
      return <FunctionCallBody item={item} live={live} />;
    case "custom_tool_call":
      return <CustomToolCallBody item={item} live={live} />;
    case "web_search_call":
      return <WebSearchBody item={item} include={context.include} />;
    case "file_search_call":
      return <FileSearchBody item={item} />;
    case "computer_call":
      return <ComputerCallBody item={item} display={context.display} />;
    case "image_generation_call":
      return <ImageGenerationBody item={item as ResponseOutputItem.ImageGenerationCall & Record<string, unknown>} />;
    case "code_interpreter_call":
      return <CodeInterpreterBody item={item} live={live} />;
    case "mcp_list_tools":
      return <McpListToolsBody item={item} />;
    case "mcp_call":
      return <McpCallBody item={item} live={live} />;
    case "mcp_approval_request":
      return <McpApprovalBody item={item} />;
    default:
      return (
        <div className="text-sm">
          <p className="mb-1 text-xs text-slate-500">
            The playground has no view for <code className="font-mono">{String((item as { type: unknown }).type)}</code> items yet; here it
            is as sent.
          </p>
          <CodeView code={JSON.stringify(item, null, 2)} lang="json" label="Item JSON" />
        </div>
      );
  }
}

/** One output item, rendered for a person. Memoised: a delta to another item does not re-render this one. */
export const ItemBlock = memo(function ItemBlock({ view, live, highlighted, eventsShown, onShowEvents, context }: ItemBlockProps) {
  const { item } = view;
  const meta = KINDS[item.type] ?? { kind: String(item.type).replaceAll("_", " "), tone: "slate" as Tone, icon: "unknown" as IconName };
  const raw = item as { id?: unknown; status?: unknown };
  return (
    <ItemShell
      kind={meta.kind}
      tone={meta.tone}
      icon={meta.icon}
      status={typeof raw.status === "string" ? raw.status : null}
      id={typeof raw.id === "string" ? raw.id : null}
      itemKey={view.key}
      eventCount={itemEventCount(view)}
      eventsShown={eventsShown}
      onShowEvents={onShowEvents}
      highlighted={highlighted}
      plain={item.type === "message"}
    >
      {body(item, live, context)}
    </ItemShell>
  );
});
