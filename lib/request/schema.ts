import { z } from "zod";
import { checkJsonSchema } from "./json-schema-check";
import {
  ALLOWED_TOOLS_MODES,
  CALL_ID_MAX_LENGTH,
  CODE_INTERPRETER_MAX_FILE_IDS,
  CODE_INTERPRETER_MEMORY,
  COMPARISON_OPERATORS,
  COMPOUND_OPERATORS,
  COMPUTER_ENVIRONMENTS,
  CUSTOM_GRAMMAR_SYNTAX,
  FILE_DATA_MAX_CHARS,
  FILE_DETAILS,
  FILE_SEARCH_MAX_RESULTS,
  FUNCTION_CALL_OUTPUT_MAX_CHARS,
  HOSTED_TOOL_CHOICES,
  IMAGE_DETAILS,
  IMAGE_GEN,
  IMAGE_MAX_BYTES,
  IMAGE_MIME_TYPES,
  INCLUDE_VALUES,
  MAX_OUTPUT_TOKENS_MIN,
  MCP_APPROVAL,
  MCP_CONNECTORS,
  METADATA,
  NAME_MAX_LENGTH,
  NAME_PATTERN,
  OTHER_TOOL_CHOICES,
  PROMPT_CACHE_RETENTION,
  RANKERS,
  REASONING_EFFORTS,
  REASONING_SUMMARIES,
  ROLES,
  SAFETY_IDENTIFIER_MAX_LENGTH,
  SEARCH_CONTEXT_SIZES,
  SERVICE_TIERS,
  TEMPERATURE,
  TEXT_FORMAT_TYPES,
  TOOL_CHOICE_MODES,
  TOP_LOGPROBS,
  TOP_P,
  TRUNCATION_VALUES,
  VERBOSITY_VALUES,
} from "./limits";
import { isRecord } from "@/lib/is-record";
import { formatBytes } from "@/lib/media/bytes";
import { base64DecodedLength, splitDataUrl } from "@/lib/media/data-url";

/**
 * THE request schema of `POST /v1/responses`, isomorphic: the composer checks a body with it before sending, and
 * the local engine refuses with it (lib/local-engine/schema.ts turns its issues into OpenAI's error wording).
 * Every object is loose, so unknown fields pass; item, part and tool types the API keeps adding pass unchecked.
 * Checks that zod cannot say by itself are custom issues whose `params` may carry the API's `code` and wording.
 */

export interface IssueParams {
  /** The API's error code (`invalid_value` when absent). */
  code?: string;
  /** The API's own message, when it differs from the plain-words one. */
  apiMessage?: string;
}

type Ctx = z.core.$RefinementCtx<unknown>;

function custom(ctx: Ctx, path: PropertyKey[], message: string, params: IssueParams = {}): void {
  ctx.addIssue({ code: "custom", path, message, params, input: undefined });
}

const nullish = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

/** Validates `value` with the schema for its `type` (when there is one) and reports the issues in place. */
function byType(schemas: Record<string, z.ZodType>, fallbackType?: string) {
  return (value: { type?: unknown }, ctx: Ctx) => {
    const type = typeof value.type === "string" ? value.type : fallbackType;
    const schema = type === undefined ? undefined : schemas[type];
    if (!schema) return;
    const parsed = schema.safeParse(value);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as never);
  };
}

// ---- URLs --------------------------------------------------------------------------------------------------------

function isHttpUrl(value: string): boolean {
  try {
    const url = new URL(value);
    return url.protocol === "http:" || url.protocol === "https:";
  } catch {
    return false;
  }
}

function checkImageUrl(url: string, ctx: Ctx): void {
  if (url.startsWith("data:")) {
    const split = splitDataUrl(url);
    if (!split) {
      custom(ctx, ["image_url"], "A data URL image must look like data:image/png;base64,… (base64-encoded).", {
        code: "invalid_image_url",
      });
      return;
    }
    if (!(IMAGE_MIME_TYPES as readonly string[]).includes(split.mime)) {
      custom(ctx, ["image_url"], `Unsupported image type '${split.mime || "none"}': use PNG, JPEG, WEBP or GIF.`, {
        code: "invalid_image_format",
        apiMessage:
          "You uploaded an unsupported image. Please make sure your image has of one the following formats: ['png', 'jpeg', 'gif', 'webp'].",
      });
      return;
    }
    const bytes = base64DecodedLength(url, split.dataStart);
    if (bytes > IMAGE_MAX_BYTES) {
      custom(ctx, ["image_url"], `The image is ${formatBytes(bytes)}; images may be at most 20 MB.`, { code: "image_too_large" });
    }
    return;
  }
  if (!isHttpUrl(url)) {
    custom(ctx, ["image_url"], "Expected an http(s) URL or a data URL (data:image/png;base64,…).", { code: "invalid_image_url" });
  }
}

// ---- content parts -----------------------------------------------------------------------------------------------

export const InputTextPart = z.looseObject({ type: z.literal("input_text"), text: z.string() });

export const InputImagePart = z
  .looseObject({
    type: z.literal("input_image"),
    // Required by the spec, defaulted to `auto` by the service: accepted when absent.
    detail: nullish(z.enum(IMAGE_DETAILS)),
    image_url: nullish(z.string()),
    file_id: nullish(z.string().min(1)),
  })
  .superRefine((part, ctx) => {
    if (part.image_url == null && part.file_id == null) {
      custom(ctx, ["image_url"], "An image needs an image_url (a URL or data URL) or a file_id.", { code: "missing_required_parameter" });
    }
    if (typeof part.image_url === "string") checkImageUrl(part.image_url, ctx);
  });

export const InputFilePart = z
  .looseObject({
    type: z.literal("input_file"),
    file_id: nullish(z.string().min(1)),
    file_url: nullish(z.string()),
    file_data: nullish(z.string().max(FILE_DATA_MAX_CHARS)),
    filename: nullish(z.string()),
    detail: nullish(z.enum(FILE_DETAILS)),
  })
  .superRefine((part, ctx) => {
    const sources = [part.file_id, part.file_url, part.file_data].filter((s) => s != null).length;
    if (sources === 0) {
      custom(ctx, ["file_id"], "A file needs one of file_id, file_url or file_data.", { code: "missing_required_parameter" });
    }
    if (part.file_data != null && (part.filename == null || part.filename === "")) {
      custom(ctx, ["filename"], "A file sent as file_data needs a filename.", {
        code: "missing_required_parameter",
        apiMessage: "Missing required parameter: 'filename'.",
      });
    }
    if (typeof part.file_url === "string" && !isHttpUrl(part.file_url)) {
      custom(ctx, ["file_url"], "Expected an http(s) URL.", { code: "invalid_value" });
    }
  });

const OutputTextPart = z.looseObject({ type: z.literal("output_text"), text: z.string() });
const RefusalPart = z.looseObject({ type: z.literal("refusal"), refusal: z.string() });

/** A content part; unknown part types pass unchecked. */
export const ContentPart = z.looseObject({ type: z.string() }).superRefine(
  byType({
    input_text: InputTextPart,
    input_image: InputImagePart,
    input_file: InputFilePart,
    output_text: OutputTextPart,
    refusal: RefusalPart,
  }),
);

// ---- input items -------------------------------------------------------------------------------------------------

export const MessageItem = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(ROLES),
  content: z.union([z.string(), z.array(ContentPart)]),
});

const ToolOutput = z.union([z.string().max(FUNCTION_CALL_OUTPUT_MAX_CHARS), z.array(ContentPart)]);

const FunctionCallOutputItem = z.looseObject({
  type: z.literal("function_call_output"),
  call_id: z.string().min(1).max(CALL_ID_MAX_LENGTH),
  output: ToolOutput,
});
const CustomToolCallOutputItem = z.looseObject({
  type: z.literal("custom_tool_call_output"),
  call_id: z.string().min(1),
  output: ToolOutput,
});
const ItemReference = z.looseObject({ type: nullish(z.literal("item_reference")), id: z.string().min(1) });
const McpApprovalResponseItem = z.looseObject({
  type: z.literal("mcp_approval_response"),
  approval_request_id: z.string().min(1),
  approve: z.boolean(),
});

/** An input item: messages and the common tool outputs are checked; other item types pass (they keep coming). */
export const InputItem = z.looseObject({ type: z.string().optional() }).superRefine(
  byType(
    {
      message: MessageItem,
      function_call_output: FunctionCallOutputItem,
      custom_tool_call_output: CustomToolCallOutputItem,
      item_reference: ItemReference,
      mcp_approval_response: McpApprovalResponseItem,
    },
    "message",
  ),
);

// ---- tools -------------------------------------------------------------------------------------------------------

const Name = z.string().min(1).max(NAME_MAX_LENGTH).regex(NAME_PATTERN, { message: "Use only letters, digits, '_' and '-'." });

export const FunctionTool = z
  .looseObject({
    type: z.literal("function"),
    name: Name,
    description: nullish(z.string()),
    parameters: nullish(z.record(z.string(), z.unknown())),
    strict: nullish(z.boolean()),
  })
  .superRefine((tool, ctx) => {
    if (tool.parameters == null) return;
    for (const issue of checkJsonSchema(tool.parameters, { strict: tool.strict === true })) {
      if (issue.severity !== "error") continue;
      custom(ctx, ["parameters", ...issue.path], issue.message, {
        code: "invalid_function_parameters",
        apiMessage: `Invalid schema for function '${tool.name}': ${issue.message}`,
      });
    }
  });

const ComparisonFilter = z.looseObject({
  type: z.enum(COMPARISON_OPERATORS),
  key: z.string().min(1),
  value: z.union([z.string(), z.number(), z.boolean(), z.array(z.union([z.string(), z.number()]))]),
});

/** A file-search filter: a comparison, or `and`/`or` over nested filters. */
export const SearchFilter: z.ZodType = z.looseObject({ type: z.string() }).superRefine((filter, ctx) => {
  if ((COMPOUND_OPERATORS as readonly string[]).includes(filter.type)) {
    const parsed = z.looseObject({ filters: z.array(SearchFilter) }).safeParse(filter);
    if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as never);
    return;
  }
  if (!(COMPARISON_OPERATORS as readonly string[]).includes(filter.type)) {
    ctx.addIssue({
      code: "invalid_value",
      values: [...COMPARISON_OPERATORS, ...COMPOUND_OPERATORS],
      input: filter.type,
      path: ["type"],
      message: "",
    });
    return;
  }
  const parsed = ComparisonFilter.safeParse(filter);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) {
      if (issue.code === "invalid_value" && issue.path[0] === "type") {
        ctx.addIssue({ ...issue, values: [...COMPARISON_OPERATORS, ...COMPOUND_OPERATORS] } as never);
      } else ctx.addIssue({ ...issue } as never);
    }
    return;
  }
  const { type, value } = parsed.data;
  if ((type === "in" || type === "nin") !== Array.isArray(value)) {
    custom(
      ctx,
      ["value"],
      type === "in" || type === "nin"
        ? `'${type}' compares against a list of values.`
        : `'${type}' compares against a single value, not a list.`,
    );
  }
});

const UserLocation = z.looseObject({
  type: z.literal("approximate").optional(),
  country: nullish(z.string().regex(/^[A-Za-z]{2}$/, { message: "Use a two-letter ISO country code, e.g. US." })),
  region: nullish(z.string()),
  city: nullish(z.string()),
  timezone: nullish(z.string()),
});

export const WebSearchTool = z.looseObject({
  type: z.enum(["web_search", "web_search_2025_08_26"]),
  filters: nullish(z.looseObject({ allowed_domains: nullish(z.array(z.string().min(1))) })),
  user_location: nullish(UserLocation),
  search_context_size: nullish(z.enum(SEARCH_CONTEXT_SIZES)),
  external_web_access: nullish(z.boolean()),
});

export const WebSearchPreviewTool = z.looseObject({
  type: z.enum(["web_search_preview", "web_search_preview_2025_03_11"]),
  user_location: nullish(UserLocation),
  search_context_size: nullish(z.enum(SEARCH_CONTEXT_SIZES)),
  search_content_types: nullish(z.array(z.enum(["text", "image"]))),
});

export const FileSearchTool = z.looseObject({
  type: z.literal("file_search"),
  vector_store_ids: z.array(z.string().min(1)),
  max_num_results: nullish(z.int().min(FILE_SEARCH_MAX_RESULTS.min).max(FILE_SEARCH_MAX_RESULTS.max)),
  ranking_options: nullish(
    z.looseObject({
      ranker: nullish(z.enum(RANKERS)),
      score_threshold: nullish(z.number().min(0).max(1)),
      hybrid_search: nullish(z.looseObject({ embedding_weight: z.number(), text_weight: z.number() })),
    }),
  ),
  filters: nullish(SearchFilter),
});

export const ComputerUsePreviewTool = z.looseObject({
  type: z.literal("computer_use_preview"),
  environment: z.enum(COMPUTER_ENVIRONMENTS),
  display_width: z.int().min(1),
  display_height: z.int().min(1),
});

export const CodeInterpreterTool = z.looseObject({
  type: z.literal("code_interpreter"),
  container: z.union([
    z.string().min(1),
    z.looseObject({
      type: z.literal("auto"),
      file_ids: z.array(z.string()).max(CODE_INTERPRETER_MAX_FILE_IDS).optional(),
      memory_limit: nullish(z.enum(CODE_INTERPRETER_MEMORY)),
    }),
  ]),
});

export const ImageGenerationTool = z.looseObject({
  type: z.literal("image_generation"),
  model: nullish(z.string().min(1)),
  quality: nullish(z.enum(IMAGE_GEN.quality)),
  size: nullish(z.string().regex(/^(auto|\d+x\d+)$/, { message: "Use auto or WIDTHxHEIGHT, e.g. 1024x1024." })),
  output_format: nullish(z.enum(IMAGE_GEN.outputFormat)),
  output_compression: nullish(z.int().min(IMAGE_GEN.compression.min).max(IMAGE_GEN.compression.max)),
  moderation: nullish(z.enum(IMAGE_GEN.moderation)),
  background: nullish(z.enum(IMAGE_GEN.background)),
  input_fidelity: nullish(z.enum(IMAGE_GEN.inputFidelity)),
  partial_images: nullish(z.int().min(IMAGE_GEN.partialImages.min).max(IMAGE_GEN.partialImages.max)),
  action: nullish(z.enum(IMAGE_GEN.action)),
});

const McpToolFilter = z.looseObject({ tool_names: nullish(z.array(z.string())), read_only: nullish(z.boolean()) });

export const McpTool = z
  .looseObject({
    type: z.literal("mcp"),
    server_label: z.string().min(1),
    server_url: nullish(z.string()),
    connector_id: nullish(z.enum(MCP_CONNECTORS)),
    tunnel_id: nullish(
      z.string().regex(/^tunnel_[a-z0-9]{32}$/, { message: "A tunnel id looks like tunnel_ followed by 32 lowercase letters or digits." }),
    ),
    authorization: nullish(z.string()),
    server_description: nullish(z.string()),
    headers: nullish(z.record(z.string(), z.string())),
    allowed_tools: nullish(z.union([z.array(z.string()), McpToolFilter])),
    require_approval: nullish(
      z.union([z.enum(MCP_APPROVAL), z.looseObject({ always: nullish(McpToolFilter), never: nullish(McpToolFilter) })]),
    ),
  })
  .superRefine((tool, ctx) => {
    const targets = [tool.server_url, tool.connector_id, tool.tunnel_id].filter((t) => t != null).length;
    if (targets !== 1) {
      custom(
        ctx,
        ["server_url"],
        targets === 0
          ? "An MCP tool needs a server_url (or a connector_id or tunnel_id)."
          : "Give only one of server_url, connector_id and tunnel_id.",
        {
          code: targets === 0 ? "missing_required_parameter" : "invalid_value",
        },
      );
    }
    if (typeof tool.server_url === "string" && !isHttpUrl(tool.server_url)) custom(ctx, ["server_url"], "Expected an http(s) URL.");
  });

export const CustomTool = z.looseObject({
  type: z.literal("custom"),
  name: Name,
  description: nullish(z.string()),
  format: nullish(
    z.union([
      z.looseObject({ type: z.literal("text") }),
      z.looseObject({ type: z.literal("grammar"), syntax: z.enum(CUSTOM_GRAMMAR_SYNTAX), definition: z.string().min(1) }),
    ]),
  ),
});

const ComputerTool = z.looseObject({ type: z.literal("computer") });

export const TOOL_SCHEMAS: Record<string, z.ZodType> = {
  function: FunctionTool,
  web_search: WebSearchTool,
  web_search_2025_08_26: WebSearchTool,
  web_search_preview: WebSearchPreviewTool,
  web_search_preview_2025_03_11: WebSearchPreviewTool,
  file_search: FileSearchTool,
  computer_use_preview: ComputerUsePreviewTool,
  computer: ComputerTool,
  code_interpreter: CodeInterpreterTool,
  image_generation: ImageGenerationTool,
  mcp: McpTool,
  custom: CustomTool,
};

/** A tool; types without a schema here (new ones, or the user's own JSON) pass unchecked. */
export const Tool = z.looseObject({ type: z.string() }).superRefine(byType(TOOL_SCHEMAS));

// ---- tool_choice -------------------------------------------------------------------------------------------------

const NamedChoice = z.looseObject({ type: z.string(), name: z.string().min(1) });
const TOOL_CHOICE_OBJECT_SCHEMAS: Record<string, z.ZodType> = {
  function: NamedChoice,
  custom: NamedChoice,
  mcp: z.looseObject({ type: z.literal("mcp"), server_label: z.string().min(1), name: nullish(z.string()) }),
  allowed_tools: z.looseObject({
    type: z.literal("allowed_tools"),
    mode: z.enum(ALLOWED_TOOLS_MODES),
    tools: z.array(z.looseObject({ type: z.string() })),
  }),
};
const TOOL_CHOICE_TYPES: readonly string[] = [...Object.keys(TOOL_CHOICE_OBJECT_SCHEMAS), ...HOSTED_TOOL_CHOICES, ...OTHER_TOOL_CHOICES];

export const ToolChoice = z.unknown().superRefine((choice, ctx) => {
  if (typeof choice === "string") {
    if (!(TOOL_CHOICE_MODES as readonly string[]).includes(choice)) {
      ctx.addIssue({ code: "invalid_value", values: [...TOOL_CHOICE_MODES], input: choice, path: [], message: "" });
    }
    return;
  }
  if (!isRecord(choice)) {
    ctx.addIssue({ code: "invalid_type", expected: "object", input: choice, path: [], message: "" });
    return;
  }
  if (typeof choice.type !== "string" || !TOOL_CHOICE_TYPES.includes(choice.type)) {
    ctx.addIssue({ code: "invalid_value", values: [...TOOL_CHOICE_TYPES], input: choice.type, path: ["type"], message: "" });
    return;
  }
  byType(TOOL_CHOICE_OBJECT_SCHEMAS)(choice, ctx);
});

// ---- the body ----------------------------------------------------------------------------------------------------

export const Metadata = z.record(z.string(), z.string()).superRefine((metadata, ctx) => {
  const keys = Object.keys(metadata);
  if (keys.length > METADATA.maxPairs) {
    custom(ctx, [], `At most ${METADATA.maxPairs} pairs are allowed; there are ${keys.length}.`, {
      code: "object_above_max_properties",
      apiMessage: `Invalid 'metadata': too many properties. Expected an object with at most ${METADATA.maxPairs} properties, but got an object with ${keys.length} properties instead.`,
    });
  }
  for (const key of keys) {
    if (key.length > METADATA.maxKeyLength) {
      custom(ctx, [key], `The key is ${key.length} characters long; keys may have at most ${METADATA.maxKeyLength}.`, {
        code: "string_above_max_length",
        apiMessage: `Invalid 'metadata': key '${key.slice(0, 20)}…' is too long. Expected a string with maximum length ${METADATA.maxKeyLength}, but got a string with length ${key.length} instead.`,
      });
    }
    const value = metadata[key] ?? "";
    if (value.length > METADATA.maxValueLength) {
      custom(ctx, [key], `The value is ${value.length} characters long; values may have at most ${METADATA.maxValueLength}.`, {
        code: "string_above_max_length",
      });
    }
  }
});

export const TextFormat = z.looseObject({ type: z.enum(TEXT_FORMAT_TYPES) }).superRefine((format, ctx) => {
  if (format.type !== "json_schema") return;
  const parsed = z
    .looseObject({
      name: Name,
      schema: z.record(z.string(), z.unknown()),
      description: nullish(z.string()),
      strict: nullish(z.boolean()),
    })
    .safeParse(format);
  if (!parsed.success) {
    for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as never);
    return;
  }
  for (const issue of checkJsonSchema(parsed.data.schema, { strict: parsed.data.strict === true })) {
    if (issue.severity !== "error") continue;
    custom(ctx, ["schema", ...issue.path], issue.message, {
      code: "invalid_json_schema",
      apiMessage: `Invalid schema for response_format '${parsed.data.name}': ${issue.message}`,
    });
  }
});

export const CreateResponseBody = z
  .looseObject({
    model: z.string().min(1),
    input: z.union([z.string(), z.array(InputItem)]).optional(),
    instructions: nullish(z.union([z.string(), z.array(InputItem)])),
    stream: nullish(z.boolean()),
    store: nullish(z.boolean()),
    background: nullish(z.boolean()),
    previous_response_id: nullish(z.string().min(1)),
    conversation: nullish(z.union([z.string(), z.looseObject({ id: z.string() })])),
    max_output_tokens: nullish(z.int().min(MAX_OUTPUT_TOKENS_MIN)),
    max_tool_calls: nullish(z.int().min(0)),
    temperature: nullish(z.number().min(TEMPERATURE.min).max(TEMPERATURE.max)),
    top_p: nullish(z.number().min(TOP_P.min).max(TOP_P.max)),
    top_logprobs: nullish(z.int().min(TOP_LOGPROBS.min).max(TOP_LOGPROBS.max)),
    parallel_tool_calls: nullish(z.boolean()),
    metadata: nullish(Metadata),
    tools: nullish(z.array(Tool)),
    tool_choice: nullish(ToolChoice),
    text: nullish(
      z.looseObject({
        format: nullish(TextFormat),
        verbosity: nullish(z.enum(VERBOSITY_VALUES)),
      }),
    ),
    reasoning: nullish(
      z.looseObject({
        effort: nullish(z.enum(REASONING_EFFORTS)),
        summary: nullish(z.enum(REASONING_SUMMARIES)),
        generate_summary: nullish(z.enum(REASONING_SUMMARIES)),
      }),
    ),
    truncation: nullish(z.enum(TRUNCATION_VALUES)),
    service_tier: nullish(z.enum(SERVICE_TIERS)),
    user: z.string().optional(),
    safety_identifier: nullish(z.string().max(SAFETY_IDENTIFIER_MAX_LENGTH)),
    prompt_cache_key: nullish(z.string()),
    prompt_cache_retention: nullish(z.enum(PROMPT_CACHE_RETENTION)),
    include: nullish(z.array(z.enum(INCLUDE_VALUES))),
    stream_options: nullish(z.looseObject({ include_obfuscation: z.boolean().optional() })),
  })
  .superRefine((body, ctx) => crossChecks(body, ctx));

export type CreateResponseRequest = z.infer<typeof CreateResponseBody>;
export type InputItemParam = z.infer<typeof InputItem>;

/** Rules that tie two parameters together. */
function crossChecks(body: CreateResponseRequest, ctx: Ctx): void {
  if (body.previous_response_id != null && body.conversation != null) {
    custom(ctx, ["conversation"], "Use either previous_response_id or conversation, not both.", {
      code: "invalid_value",
      apiMessage:
        "Mutually exclusive parameters: 'previous_response_id' and 'conversation'. Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
    });
  }
  const tools = (body.tools ?? []) as Array<Record<string, unknown>>;
  const functionNames = new Set(tools.filter((t) => t.type === "function").map((t) => t.name));
  const customNames = new Set(tools.filter((t) => t.type === "custom").map((t) => t.name));
  const mcpLabels = new Set(tools.filter((t) => t.type === "mcp").map((t) => t.server_label));
  const choice = body.tool_choice;
  if (isRecord(choice)) {
    const missing = (names: Set<unknown>, value: unknown) => typeof value === "string" && value !== "" && !names.has(value);
    if (choice.type === "function" && missing(functionNames, choice.name)) {
      custom(
        ctx,
        ["tool_choice", "name"],
        `tool_choice names the function '${String(choice.name)}', but tools has no function with that name.`,
        {
          apiMessage: "Tool choice 'function' not found in 'tools' parameter.",
        },
      );
    }
    if (choice.type === "custom" && missing(customNames, choice.name)) {
      custom(
        ctx,
        ["tool_choice", "name"],
        `tool_choice names the custom tool '${String(choice.name)}', but tools has no custom tool with that name.`,
        {
          apiMessage: "Tool choice 'custom' not found in 'tools' parameter.",
        },
      );
    }
    if (choice.type === "mcp" && missing(mcpLabels, choice.server_label)) {
      custom(
        ctx,
        ["tool_choice", "server_label"],
        `tool_choice names the MCP server '${String(choice.server_label)}', but tools has no MCP tool with that label.`,
      );
    }
    if (choice.type === "allowed_tools" && Array.isArray(choice.tools)) {
      choice.tools.forEach((t: unknown, i: number) => {
        if (isRecord(t) && t.type === "function" && missing(functionNames, t.name)) {
          custom(ctx, ["tool_choice", "tools", i, "name"], `allowed_tools lists the function '${String(t.name)}', which is not in tools.`);
        }
      });
    }
  }
  if (body.text?.format?.type === "json_object" && !mentionsJson(body)) {
    custom(ctx, ["text", "format"], 'With the json_object format, the input or instructions must contain the word "JSON".', {
      apiMessage: "Response input messages must contain the word 'json' in some form to use 'text.format' of type 'json_object'.",
    });
  }
  if (body.background === true && body.store === false) {
    custom(ctx, ["store"], "Background mode needs store to be true (or left unset).", {
      apiMessage: "Background mode requires 'store' to be true.",
    });
  }
}

function mentionsJson(body: CreateResponseRequest): boolean {
  const texts: string[] = [];
  const collect = (value: unknown): void => {
    if (typeof value === "string") texts.push(value);
    else if (Array.isArray(value)) value.forEach(collect);
    else if (isRecord(value)) {
      if (typeof value.text === "string") texts.push(value.text);
      if (value.content !== undefined) collect(value.content);
    }
  };
  collect(body.input);
  collect(body.instructions);
  return texts.some((t) => /json/i.test(t));
}
