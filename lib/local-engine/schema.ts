import "server-only";
import { ApiError } from "@/lib/api-error";
import { parseDataUrl, decodeBase64 } from "@/lib/media/data-url";
import { readImageInfo } from "@/lib/media/image-info";
import { blameIssue, type SchemaIssue } from "@/lib/request/issues";
import { formatPath, getPath } from "@/lib/request/path";
import { CreateResponseBody, type CreateResponseRequest, type InputItemParam, type IssueParams } from "@/lib/request/schema";
import { requireFile } from "./files";
import { isRecord } from "@/lib/is-record";
import { assertKnownPartTypes } from "./input";

/**
 * The engine's request checking for `POST /v1/responses`. The schema itself (limits, item, part and tool types)
 * is THE request schema in lib/request/schema.ts, shared with the composer; this module turns its issues into the
 * API's error wording, codes and `param`, and adds the checks that need the engine's state (stored files) or the
 * bytes of attachments.
 */

export { CreateResponseBody, type CreateResponseRequest, type InputItemParam };

/** A request body's JSON, or the 400 OpenAI answers when it is not JSON (both engine endpoints use it). */
export function parseJsonBody(raw: string): unknown {
  try {
    return JSON.parse(raw);
  } catch {
    throw invalidJsonError();
  }
}

/** The 400 OpenAI answers when the body is not JSON. */
export function invalidJsonError(): ApiError {
  return new ApiError(
    400,
    "We could not parse the JSON body of your request. The API expects a JSON object, but what was sent was not valid JSON.",
    { type: "invalid_request_error", param: null, code: null },
  );
}

/** Parses the raw body text into a checked request, or throws the ApiError OpenAI would answer with. */
export function parseCreateResponseBody(raw: string): CreateResponseRequest {
  return checkCreateResponseBody(parseJsonBody(raw));
}

/** Checks an already parsed body (a big one is parsed off the main thread: parse-off-thread.ts). */
export function checkCreateResponseBody(body: unknown): CreateResponseRequest {
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
  if (request.conversation != null && request.previous_response_id != null) {
    throw new ApiError(
      400,
      "Mutually exclusive parameters: Ensure you are only providing one of: 'previous_response_id' or 'conversation'.",
      {
        param: null,
        code: "mutually_exclusive_parameters",
      },
    );
  }
  checkAttachments(request);
  assertKnownPartTypes(request.input);
  return request;
}

const INTEGER_PARAMS =
  /(^|\.)(max_output_tokens|max_tool_calls|top_logprobs|max_num_results|display_width|display_height|output_compression|partial_images)$/;

/** Turns the issue to blame (lib/request/issues.ts, the composer's rule too) into OpenAI's wording, codes and `param` path (`input[0].content`). */
export function issueToApiError(issues: readonly SchemaIssue[], body: unknown): ApiError {
  const issue = blameIssue(issues);
  if (!issue) return new ApiError(400, "Invalid request body.", { code: "invalid_value" });
  const param = formatPath(issue.path);
  const value = getPath(body, issue.path);
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
      const isInteger = issue.origin === "int" || INTEGER_PARAMS.test(param);
      const kind = isNumber ? (isInteger ? "integer" : "decimal") : issue.origin;
      if (!isNumber) {
        if (issue.path[issue.path.length - 1] === "model" && issue.code === "too_small") {
          return new ApiError(400, `Missing required parameter: 'model'.`, opts("missing_required_parameter"));
        }
        const limit = issue.code === "too_small" ? issue.minimum : issue.maximum;
        const dir = issue.code === "too_small" ? "below minimum" : "above maximum";
        return new ApiError(
          400,
          `Invalid '${param}': ${kind} ${dir} length. Expected ${limit}.`,
          opts(`${kind}_${issue.code === "too_small" ? "below_min" : "above_max"}_length`),
        );
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
    case "custom": {
      const params = (issue.params ?? {}) as IssueParams;
      return new ApiError(400, params.apiMessage ?? `Invalid '${param}': ${issue.message}`, opts(params.code ?? "invalid_value"));
    }
    case "invalid_format":
      return new ApiError(400, `Invalid '${param}': ${issue.message}`, opts("invalid_value"));
    default:
      return new ApiError(400, `Invalid '${param}': ${issue.message}`, opts("invalid_value"));
  }
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

/**
 * What only the bytes can tell: a data-URL image must really be a PNG, JPEG, WEBP or GIF; `file_id`s must name
 * files the engine stores (404 otherwise, as the Files API answers); `file_data` must be base64.
 */
function checkAttachments(request: CreateResponseRequest): void {
  if (!Array.isArray(request.input)) return;
  request.input.forEach((item, i) => {
    if (!Array.isArray(item.content)) return;
    (item.content as unknown[]).forEach((part, j) => {
      if (!isRecord(part)) return;
      const at = (key: string) => formatPath(["input", i, "content", j, key]);
      if (typeof part.file_id === "string" && (part.type === "input_image" || part.type === "input_file")) {
        requireFile(part.file_id, at("file_id"));
      }
      if (part.type === "input_image" && typeof part.image_url === "string" && part.image_url.startsWith("data:")) {
        const data = parseDataUrl(part.image_url);
        if (!data || readImageInfo(data.bytes) === null) {
          throw new ApiError(
            400,
            "The image data you provided does not represent a valid image. Please check your input and try again with one of the supported image formats: ['image/jpeg', 'image/png', 'image/gif', 'image/webp'].",
            { param: at("image_url"), code: "invalid_image_format" },
          );
        }
      }
      if (part.type === "input_file" && typeof part.file_data === "string") {
        const ok = part.file_data.startsWith("data:") ? parseDataUrl(part.file_data) !== null : isBase64(part.file_data);
        if (!ok) {
          throw new ApiError(400, `Invalid '${at("file_data")}': expected base64-encoded file data (or a base64 data URL).`, {
            param: at("file_data"),
            code: "invalid_value",
          });
        }
      }
    });
  });
}

function isBase64(text: string): boolean {
  try {
    decodeBase64(text);
    return true;
  } catch {
    return false;
  }
}
