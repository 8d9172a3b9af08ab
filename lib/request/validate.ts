import { flattenIssues, type SchemaIssue } from "./issues";
import { checkJsonSchema } from "./json-schema-check";
import { KNOWN_TOOL_TYPES } from "./limits";
import { formatPath, getPath } from "./path";
import { CreateResponseBody, type IssueParams } from "./schema";
import { isRecord } from "@/lib/is-record";

/**
 * `validateRequest(body)`: every problem the composer shows before sending, with its path
 * (`input[1].content[0].image_url`) and a message in plain words. Errors come from THE request schema (the same
 * one the local engine refuses with); warnings are likely mistakes that the API lets through.
 */

export interface RequestIssue {
  path: string;
  message: string;
  severity: "error" | "warning";
}

export function validateRequest(body: unknown): RequestIssue[] {
  if (!isRecord(body)) return [{ path: "", message: "The request must be a JSON object.", severity: "error" }];
  const issues: RequestIssue[] = [];
  const parsed = CreateResponseBody.safeParse(body);
  if (!parsed.success) {
    for (const issue of flattenIssues(parsed.error.issues)) {
      issues.push({ path: formatPath(issue.path), message: describeIssue(issue, body), severity: "error" });
    }
  }
  issues.push(...warnings(body));
  return dedupe(issues);
}

/** One issue in plain words ("must be at least 16 (got 8)"), without the path, which is shown beside it. */
export function describeIssue(issue: SchemaIssue, body: unknown): string {
  const value = getPath(body, issue.path);
  switch (issue.code) {
    case "invalid_type":
      if (value === undefined) return "Required.";
      return `Must be ${article(issue.expected)} (it is ${describeType(value)}).`;
    case "too_small":
      if (issue.origin === "string") {
        return Number(issue.minimum) <= 1 ? "Must not be empty." : `Must be at least ${issue.minimum} characters long.`;
      }
      if (issue.origin === "array") return `Needs at least ${issue.minimum} item${Number(issue.minimum) === 1 ? "" : "s"}.`;
      return `Must be at least ${issue.minimum} (it is ${String(value)}).`;
    case "too_big":
      if (issue.origin === "string") {
        return `Must be at most ${issue.maximum} characters long (it is ${typeof value === "string" ? value.length : "?"}).`;
      }
      if (issue.origin === "array")
        return `Allows at most ${issue.maximum} items (there are ${Array.isArray(value) ? value.length : "?"}).`;
      return `Must be at most ${issue.maximum} (it is ${String(value)}).`;
    case "invalid_value":
      return `Must be one of ${issue.values.map((v) => JSON.stringify(v)).join(", ")} (it is ${JSON.stringify(value) ?? "missing"}).`;
    case "invalid_format":
      return issue.message && !issue.message.startsWith("Invalid") ? issue.message : `Does not have the expected format (${issue.format}).`;
    case "not_multiple_of":
      return `Must be a multiple of ${String(issue.divisor)}.`;
    case "invalid_union": {
      if (value === undefined) return "Required.";
      const expected = issue.errors
        .flat()
        .filter((e) => e.path.length === 0 && e.code === "invalid_type")
        .map((e) => article((e as { expected: string }).expected));
      return expected.length > 0
        ? `Must be ${[...new Set(expected)].join(" or ")} (it is ${describeType(value)}).`
        : "Has the wrong shape.";
    }
    case "custom":
      return issue.message;
    default:
      return issue.message || "Invalid value.";
  }
}

export function issueParams(issue: SchemaIssue): IssueParams {
  return issue.code === "custom" && issue.params ? (issue.params as IssueParams) : {};
}

function warnings(body: Record<string, unknown>): RequestIssue[] {
  const out: RequestIssue[] = [];
  const warn = (path: string, message: string) => out.push({ path, message, severity: "warning" });
  if (body.temperature !== undefined && body.top_p !== undefined) {
    warn("top_p", "Both temperature and top_p are set; OpenAI recommends changing only one of them.");
  }
  const tools = Array.isArray(body.tools) ? body.tools : [];
  tools.forEach((tool, i) => {
    if (!isRecord(tool)) return;
    if (typeof tool.type === "string" && !KNOWN_TOOL_TYPES.has(tool.type)) {
      warn(`tools[${i}].type`, `'${tool.type}' is not a tool type this playground knows; it is sent as it is.`);
    }
    if (tool.type === "function" && isRecord(tool.parameters)) {
      for (const issue of checkJsonSchema(tool.parameters, { strict: tool.strict === true })) {
        if (issue.severity === "warning") warn(formatPath([`tools`, i, "parameters", ...issue.path]), issue.message);
      }
    }
  });
  const format = getPath(body, ["text", "format"]);
  if (isRecord(format) && format.type === "json_schema" && isRecord(format.schema)) {
    for (const issue of checkJsonSchema(format.schema, { strict: format.strict === true })) {
      if (issue.severity === "warning") warn(formatPath(["text", "format", "schema", ...issue.path]), issue.message);
    }
  }
  if (body.instructions !== undefined && typeof body.previous_response_id === "string") {
    // Not an error: a reminder of a rule people trip over.
  }
  return out;
}

function dedupe(issues: RequestIssue[]): RequestIssue[] {
  const seen = new Set<string>();
  return issues.filter((i) => {
    const key = `${i.severity}|${i.path}|${i.message}`;
    if (seen.has(key)) return false;
    seen.add(key);
    return true;
  });
}

function article(expected: string): string {
  if (expected === "int") return "a whole number";
  if (expected === "number") return "a number";
  if (expected === "object" || expected === "array") return `an ${expected}`;
  return `a ${expected}`;
}

export function describeType(value: unknown): string {
  if (value === null) return "null";
  if (Array.isArray(value)) return "a list";
  if (typeof value === "number") return Number.isInteger(value) ? "a whole number" : "a decimal number";
  if (typeof value === "object") return "an object";
  if (typeof value === "string") return "a string";
  if (typeof value === "boolean") return "a boolean";
  return typeof value;
}

/** Issues grouped by path, for fields that show their own problems. */
export function issuesByPath(issues: readonly RequestIssue[]): Map<string, RequestIssue[]> {
  const map = new Map<string, RequestIssue[]>();
  for (const issue of issues) {
    const list = map.get(issue.path) ?? [];
    list.push(issue);
    map.set(issue.path, list);
  }
  return map;
}
