import type { ToolType } from "./limits";

/** Starting points for the composer: the default body and new parts, messages and tools as the forms add them. */

export type Body = Record<string, unknown>;

export const DEFAULT_MODEL = "local-echo-1";

/** A plain string input and streaming on: what the playground always sent by default. */
export function defaultBody(): Body {
  return { model: DEFAULT_MODEL, input: "", stream: true };
}

export function newMessage(role = "user", text = ""): Body {
  return { role, content: [{ type: "input_text", text }] };
}

export function newPart(type: "input_text" | "input_image" | "input_file"): Body {
  if (type === "input_text") return { type, text: "" };
  if (type === "input_image") return { type, image_url: "", detail: "auto" };
  return { type, file_id: "" };
}

const EMPTY_OBJECT_SCHEMA = { type: "object", properties: {}, required: [], additionalProperties: false };

export function newTool(type: ToolType, existing: readonly unknown[] = []): Body {
  const n = existing.filter((t) => typeof t === "object" && t !== null && (t as Body).type === type).length + 1;
  switch (type) {
    case "function":
      return {
        type,
        name: n === 1 ? "my_function" : `my_function_${n}`,
        description: "",
        parameters: structuredClone(EMPTY_OBJECT_SCHEMA),
        strict: true,
      };
    case "web_search":
      return { type, search_context_size: "medium" };
    case "web_search_preview":
      return { type, search_context_size: "medium" };
    case "file_search":
      return { type, vector_store_ids: [] };
    case "computer_use_preview":
      return { type, environment: "browser", display_width: 1024, display_height: 768 };
    case "code_interpreter":
      return { type, container: { type: "auto" } };
    case "image_generation":
      return { type };
    case "mcp":
      return { type, server_label: n === 1 ? "my_server" : `my_server_${n}`, server_url: "https://", require_approval: "always" };
    case "custom":
      return { type, name: n === 1 ? "my_tool" : `my_tool_${n}`, description: "" };
  }
}
