/**
 * The Responses API's limits and enumerations, from the catalog (shared/reference/responses-protocol.md §1–2)
 * and the OpenAPI spec. One copy, used by the composer's forms, the request schema and the local engine.
 */

export const MAX_OUTPUT_TOKENS_MIN = 16;
export const TEMPERATURE = { min: 0, max: 2 } as const;
export const TOP_P = { min: 0, max: 1 } as const;
export const TOP_LOGPROBS = { min: 0, max: 20 } as const;
export const METADATA = { maxPairs: 16, maxKeyLength: 64, maxValueLength: 512 } as const;
export const SAFETY_IDENTIFIER_MAX_LENGTH = 64;
export const CALL_ID_MAX_LENGTH = 64;
export const FUNCTION_CALL_OUTPUT_MAX_CHARS = 10_485_760;
export const FILE_DATA_MAX_CHARS = 73_400_320;

/** Images the page accepts (and the engine reads): the four formats the API takes, up to 20 MB each. */
export const IMAGE_MAX_BYTES = 20 * 1024 * 1024;
export const IMAGE_MIME_TYPES = ["image/png", "image/jpeg", "image/webp", "image/gif"] as const;

export const ROLES = ["user", "assistant", "system", "developer"] as const;
export const IMAGE_DETAILS = ["low", "high", "auto", "original"] as const;
/** The values the composer offers (the spec's `original` is accepted but not offered). */
export const IMAGE_DETAIL_CHOICES = ["auto", "low", "high"] as const;
export const FILE_DETAILS = ["auto", "low", "high"] as const;

export const INCLUDE_VALUES = [
  "file_search_call.results",
  "web_search_call.results",
  "web_search_call.action.sources",
  "message.input_image.image_url",
  "computer_call_output.output.image_url",
  "code_interpreter_call.outputs",
  "reasoning.encrypted_content",
  "message.output_text.logprobs",
] as const;

export const SERVICE_TIERS = ["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"] as const;
export const TRUNCATION_VALUES = ["auto", "disabled"] as const;
export const VERBOSITY_VALUES = ["low", "medium", "high"] as const;
/** The spec also knows `max` (very recent); the form offers the six of the issue and accepts `max` in JSON. */
export const REASONING_EFFORTS = ["none", "minimal", "low", "medium", "high", "xhigh", "max"] as const;
export const REASONING_EFFORT_CHOICES = ["none", "minimal", "low", "medium", "high", "xhigh"] as const;
export const REASONING_SUMMARIES = ["auto", "concise", "detailed"] as const;
export const TEXT_FORMAT_TYPES = ["text", "json_schema", "json_object"] as const;
export const PROMPT_CACHE_RETENTION = ["in_memory", "24h"] as const;

/** `text.format.name` and function names: letters, digits, `_` and `-`, at most 64. */
export const NAME_PATTERN = /^[a-zA-Z0-9_-]+$/;
export const NAME_MAX_LENGTH = 64;

export const TOOL_CHOICE_MODES = ["none", "auto", "required"] as const;
export const HOSTED_TOOL_CHOICES = [
  "file_search",
  "web_search_preview",
  "web_search_preview_2025_03_11",
  "computer",
  "computer_use_preview",
  "computer_use",
  "image_generation",
  "code_interpreter",
] as const;
export const OTHER_TOOL_CHOICES = ["apply_patch", "shell", "programmatic_tool_calling"] as const;
export const ALLOWED_TOOLS_MODES = ["auto", "required"] as const;

// ---- tools ----------------------------------------------------------------------------------------------------

export const SEARCH_CONTEXT_SIZES = ["low", "medium", "high"] as const;
export const FILE_SEARCH_MAX_RESULTS = { min: 1, max: 50 } as const;
export const RANKERS = ["auto", "default-2024-11-15"] as const;
export const COMPARISON_OPERATORS = ["eq", "ne", "gt", "gte", "lt", "lte", "in", "nin"] as const;
export const COMPOUND_OPERATORS = ["and", "or"] as const;
export const COMPUTER_ENVIRONMENTS = ["windows", "mac", "linux", "ubuntu", "browser"] as const;
export const CODE_INTERPRETER_MAX_FILE_IDS = 50;
export const CODE_INTERPRETER_MEMORY = ["1g", "4g", "16g", "64g"] as const;
export const IMAGE_GEN = {
  models: ["gpt-image-1", "gpt-image-1-mini", "gpt-image-1.5", "gpt-image-2"],
  quality: ["low", "medium", "high", "auto"],
  size: ["1024x1024", "1024x1536", "1536x1024", "auto"],
  outputFormat: ["png", "webp", "jpeg"],
  moderation: ["auto", "low"],
  background: ["transparent", "opaque", "auto"],
  inputFidelity: ["high", "low"],
  action: ["generate", "edit", "auto"],
  compression: { min: 0, max: 100 },
  partialImages: { min: 0, max: 3 },
} as const;
export const MCP_CONNECTORS = [
  "connector_dropbox",
  "connector_gmail",
  "connector_googlecalendar",
  "connector_googledrive",
  "connector_microsoftteams",
  "connector_outlookcalendar",
  "connector_outlookemail",
  "connector_sharepoint",
] as const;
export const MCP_APPROVAL = ["always", "never"] as const;
export const CUSTOM_GRAMMAR_SYNTAX = ["lark", "regex"] as const;

/** Tool types the composer has a form for, in menu order. */
export const TOOL_TYPES = [
  "function",
  "web_search",
  "web_search_preview",
  "file_search",
  "computer_use_preview",
  "code_interpreter",
  "image_generation",
  "mcp",
  "custom",
] as const;
export type ToolType = (typeof TOOL_TYPES)[number];

/** Every tool type the spec knows (others are kept and sent as they are, with a note). */
export const KNOWN_TOOL_TYPES: ReadonlySet<string> = new Set([
  ...TOOL_TYPES,
  "web_search_2025_08_26",
  "web_search_preview_2025_03_11",
  "computer",
  "local_shell",
  "shell",
  "apply_patch",
  "namespace",
  "tool_search",
  "programmatic_tool_calling",
]);

/** JSON Schema keywords the Structured Outputs subset supports (strict mode refuses the others). */
export const STRICT_SCHEMA_KEYWORDS: ReadonlySet<string> = new Set([
  "type",
  "properties",
  "required",
  "additionalProperties",
  "items",
  "enum",
  "const",
  "anyOf",
  "$ref",
  "$defs",
  "definitions",
  "description",
  "title",
  "default",
  "pattern",
  "format",
  "minLength",
  "maxLength",
  "minimum",
  "maximum",
  "exclusiveMinimum",
  "exclusiveMaximum",
  "multipleOf",
  "minItems",
  "maxItems",
  "$schema",
  "$id",
]);
export const STRICT_SCHEMA_MAX_DEPTH = 10;
export const STRICT_SCHEMA_MAX_PROPERTIES = 5000;
export const JSON_SCHEMA_TYPES = ["string", "number", "integer", "boolean", "object", "array", "null"] as const;
