import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api-error";

/**
 * The engine's request schema for `POST /v1/responses` (CreateResponse). It checks what the engine relies on and
 * the limits OpenAI enforces (ranges, minimums), and passes every unknown field through, so newer API fields are
 * never refused. The proxy has its own lighter schema; this one belongs to the engine.
 */

const nullish = <T extends z.ZodType>(schema: T) => schema.nullable().optional();

const ContentPart = z.looseObject({ type: z.string() }).superRefine((part, ctx) => {
  // input_text / output_text must carry their text; images, files and unknown parts are only counted.
  if ((part.type === "input_text" || part.type === "output_text") && typeof part.text !== "string") {
    ctx.addIssue({ code: "invalid_type", expected: "string", input: part.text, path: ["text"], message: "" });
  }
});

const MessageItem = z.looseObject({
  type: z.literal("message").optional(),
  role: z.enum(["user", "assistant", "system", "developer"]),
  content: z.union([z.string(), z.array(ContentPart)]),
});

/**
 * An input item. Messages (no `type`, or `type: "message"`) are checked; any other item type is accepted as is
 * and only counted, because the API keeps adding item types and the engine must not block them.
 */
const InputItem = z.looseObject({ type: z.string().optional() }).superRefine((item, ctx) => {
  if (item.type !== undefined && item.type !== "message") return;
  const parsed = MessageItem.safeParse(item);
  if (!parsed.success) for (const issue of parsed.error.issues) ctx.addIssue({ ...issue } as never);
});

export const CreateResponseBody = z.looseObject({
  model: z.string().min(1),
  input: z.union([z.string(), z.array(InputItem)]).optional(),
  instructions: nullish(z.union([z.string(), z.array(InputItem)])),
  stream: nullish(z.boolean()),
  store: nullish(z.boolean()),
  background: nullish(z.boolean()),
  previous_response_id: nullish(z.string().min(1)),
  conversation: nullish(z.union([z.string(), z.looseObject({ id: z.string() })])),
  max_output_tokens: nullish(z.int().min(16)),
  max_tool_calls: nullish(z.int().min(0)),
  temperature: nullish(z.number().min(0).max(2)),
  top_p: nullish(z.number().min(0).max(1)),
  top_logprobs: nullish(z.int().min(0).max(20)),
  parallel_tool_calls: nullish(z.boolean()),
  metadata: nullish(
    z
      .record(z.string().max(64), z.string().max(512))
      .refine((m) => Object.keys(m).length <= 16, { message: "too many keys" }),
  ),
  tools: nullish(z.array(z.looseObject({ type: z.string() }))),
  tool_choice: nullish(z.union([z.enum(["none", "auto", "required"]), z.looseObject({ type: z.string() })])),
  text: nullish(
    z.looseObject({
      format: nullish(z.looseObject({ type: z.enum(["text", "json_schema", "json_object"]) })),
      verbosity: nullish(z.enum(["low", "medium", "high"])),
    }),
  ),
  reasoning: nullish(
    z.looseObject({
      effort: nullish(z.string()),
      summary: nullish(z.enum(["auto", "concise", "detailed"])),
    }),
  ),
  truncation: nullish(z.enum(["auto", "disabled"])),
  service_tier: nullish(z.enum(["auto", "default", "flex", "scale", "priority", "fast", "ultrafast"])),
  user: z.string().optional(),
  safety_identifier: nullish(z.string().max(64)),
  prompt_cache_key: nullish(z.string()),
  include: nullish(z.array(z.string())),
  stream_options: nullish(z.looseObject({ include_obfuscation: z.boolean().optional() })),
});

export type CreateResponseRequest = z.infer<typeof CreateResponseBody>;
export type InputItemParam = z.infer<typeof InputItem>;

/** Parses the raw body text into a checked request, or throws the ApiError OpenAI would answer with. */
export function parseCreateResponseBody(raw: string): CreateResponseRequest {
  let body: unknown;
  try {
    body = JSON.parse(raw);
  } catch {
    throw new ApiError(
      400,
      "We could not parse the JSON body of your request. The API expects a JSON object, but what was sent was not valid JSON.",
      { type: "invalid_request_error", param: null, code: null },
    );
  }
  if (typeof body !== "object" || body === null || Array.isArray(body)) {
    throw new ApiError(400, `Invalid body: expected a JSON object, but got ${describeType(body)} instead.`, {
      type: "invalid_request_error",
      param: null,
      code: "invalid_type",
    });
  }
  const parsed = CreateResponseBody.safeParse(body);
  if (!parsed.success) throw issueToApiError(parsed.error.issues, body);
  const request = parsed.data;
  if (request.conversation != null) {
    throw new ApiError(400, "The local engine does not support the 'conversation' parameter; use 'previous_response_id'.", {
      param: "conversation",
      code: "unsupported_parameter",
    });
  }
  if (request.background === true && request.store === false) {
    throw new ApiError(400, "Background mode requires 'store' to be true.", { param: "store", code: "invalid_value" });
  }
  return request;
}

type Issue = z.core.$ZodIssue;

const INTEGER_PARAMS: ReadonlySet<string> = new Set(["max_output_tokens", "max_tool_calls", "top_logprobs"]);

/** Turns the most specific zod issue into OpenAI's wording, codes and `param` path (`input[0].content`). */
export function issueToApiError(issues: readonly Issue[], body: unknown): ApiError {
  const issue = mostSpecific(issues);
  if (!issue) return new ApiError(400, "Invalid request body.", { code: "invalid_value" });
  const param = formatParam(issue.path);
  const value = valueAt(body, issue.path);
  const opts = (code: string) => ({ type: "invalid_request_error" as const, param, code });

  if (value === undefined && issue.path.length > 0 && issue.code === "invalid_type") {
    return new ApiError(400, `Missing required parameter: '${param}'.`, opts("missing_required_parameter"));
  }
  switch (issue.code) {
    case "invalid_type":
      return new ApiError(
        400,
        `Invalid type for '${param}': expected ${article(issue.expected)}, but got ${describeType(value)} instead.`,
        opts("invalid_type"),
      );
    case "too_small":
    case "too_big": {
      const isNumber = issue.origin === "number" || issue.origin === "int";
      // zod reports integer fields with origin "number" too, so integer-ness comes from the field itself.
      const isInteger = issue.origin === "int" || INTEGER_PARAMS.has(param);
      const kind = isNumber ? (isInteger ? "integer" : "decimal") : issue.origin;
      if (!isNumber) {
        if (issue.path[issue.path.length - 1] === "model" && issue.code === "too_small") {
          return new ApiError(400, `Missing required parameter: 'model'.`, opts("missing_required_parameter"));
        }
        const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const dir = issue.code === "too_small" ? "below minimum" : "above maximum";
        return new ApiError(400, `Invalid '${param}': ${kind} ${dir} length. Expected ${limit}.`, opts(`${kind}_${issue.code === "too_small" ? "below_min" : "above_max"}_length`));
      }
      if (issue.code === "too_small") {
        return new ApiError(
          400,
          `Invalid '${param}': ${kind} below minimum value. Expected a value >= ${issue.minimum}, but got ${String(value)} instead.`,
          opts(`${kind}_below_min_value`),
        );
      }
      return new ApiError(
        400,
        `Invalid '${param}': ${kind} above maximum value. Expected a value <= ${issue.maximum}, but got ${String(value)} instead.`,
        opts(`${kind}_above_max_value`),
      );
    }
    case "invalid_value":
      return new ApiError(
        400,
        `Invalid value: ${JSON.stringify(value)}. Supported values are: ${issue.values.map((v) => `'${String(v)}'`).join(", ")}.`,
        opts("invalid_value"),
      );
    case "invalid_union":
      return new ApiError(400, `Invalid type for '${param}': got ${describeType(value)}.`, opts("invalid_type"));
    default:
      return new ApiError(400, `Invalid '${param}': ${issue.message}`, opts("invalid_value"));
  }
}

/** Unions report one nested error list per branch; the branch that got deepest into the value explains best. */
function mostSpecific(issues: readonly Issue[]): Issue | undefined {
  let best: Issue | undefined;
  for (const issue of issues) {
    let candidate: Issue = issue;
    if (issue.code === "invalid_union" && issue.errors.length > 0) {
      const nested = mostSpecific(issue.errors.flat());
      if (nested && nested.path.length > 0) candidate = { ...nested, path: [...issue.path, ...nested.path] } as Issue;
    }
    if (!best || candidate.path.length > best.path.length) best = candidate;
  }
  return best;
}

function formatParam(path: readonly PropertyKey[]): string {
  let out = "";
  for (const key of path) {
    if (typeof key === "number") out += `[${key}]`;
    else out += out === "" ? String(key) : `.${String(key)}`;
  }
  return out;
}

function valueAt(body: unknown, path: readonly PropertyKey[]): unknown {
  let current: unknown = body;
  for (const key of path) {
    if (typeof current !== "object" || current === null) return undefined;
    current = (current as Record<PropertyKey, unknown>)[key];
  }
  return current;
}

function article(expected: string): string {
  if (expected === "int") return "an integer";
  if (expected === "number") return "a decimal";
  if (expected === "object" || expected === "array") return `an ${expected}`;
  return `a ${expected}`;
}

function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "an array";
  if (typeof value === "number") return Number.isInteger(value) ? "an integer" : "a decimal";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}
