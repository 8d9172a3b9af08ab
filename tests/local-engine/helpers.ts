import { localEngineFetch } from "@/lib/local-engine";

/** Test helpers: talk to the engine in-process, exactly as the proxy does, with no pacing delay. */

export const BASE = "http://local-engine/v1";

export interface SseEvent {
  event: string;
  data: Record<string, unknown> & { type: string; sequence_number: number };
}

export function engine(path: string, init: RequestInit & { json?: unknown; delayMs?: number } = {}): Promise<Response> {
  const { json, delayMs = 0, headers, ...rest } = init;
  const h = new Headers(headers);
  h.set("x-local-engine-delay-ms", String(delayMs));
  if (json !== undefined) h.set("content-type", "application/json");
  return localEngineFetch(`${BASE}${path}`, {
    ...rest,
    headers: h,
    ...(json !== undefined ? { method: rest.method ?? "POST", body: JSON.stringify(json) } : {}),
  });
}

export async function createJson(body: Record<string, unknown>, init: { delayMs?: number; signal?: AbortSignal } = {}) {
  const res = await engine("/responses", { json: body, ...init });
  return { res, body: (await res.json()) as Record<string, any> };
}

/** Parses a whole SSE body (event: + data: records separated by blank lines). */
export function parseSse(text: string): SseEvent[] {
  return text
    .split("\n\n")
    .filter((record) => record.trim() !== "")
    .map((record) => {
      const lines = record.split("\n");
      const event = lines.find((l) => l.startsWith("event: "))?.slice(7) ?? "";
      const data = lines
        .filter((l) => l.startsWith("data: "))
        .map((l) => l.slice(6))
        .join("\n");
      return { event, data: JSON.parse(data) as SseEvent["data"] };
    });
}

export async function streamEvents(body: Record<string, unknown>, init: { delayMs?: number } = {}) {
  const res = await engine("/responses", { json: { ...body, stream: true }, ...init });
  const text = await res.text();
  return { res, text, events: parseSse(text) };
}

export function deltas(events: SseEvent[]): string {
  return events
    .filter((e) => e.data.type === "response.output_text.delta")
    .map((e) => e.data.delta as string)
    .join("");
}

export function terminal(events: SseEvent[]): SseEvent["data"] {
  const last = events[events.length - 1];
  if (!last) throw new Error("no events");
  return last.data;
}

export function outputText(response: Record<string, any>): string {
  return (response.output as any[])
    .filter((item) => item.type === "message")
    .flatMap((item) => item.content as any[])
    .filter((part) => part.type === "output_text")
    .map((part) => part.text as string)
    .join("");
}
