import { localEngineFetch } from "@/lib/local-engine";
import { eventRecordInput, type EventRecordInput } from "@/lib/responses/event-log";
import { parseSseMessage, readSse } from "@/lib/responses/sse";
import { recordingFromLog, type Recording } from "@/lib/share/recording";

/**
 * Records a real run of the local engine exactly as the playground does: the SSE body through `readSse` and
 * `parseSseMessage`, each record stamped with its time since the request was sent.
 */
export async function recordLocalRun(
  request: Record<string, unknown>,
  delayMs = 0,
): Promise<{ recording: Recording; records: EventRecordInput[] }> {
  const started = performance.now();
  const res = await localEngineFetch("http://local-engine/v1/responses", {
    method: "POST",
    headers: { "content-type": "application/json", "x-local-engine-delay-ms": String(delayMs) },
    body: JSON.stringify(request),
  });
  if (!res.ok || !res.body) throw new Error(`engine answered ${res.status}: ${await res.text()}`);
  const records: EventRecordInput[] = [];
  for await (const message of readSse(res.body)) {
    records.push(eventRecordInput(parseSseMessage(message), performance.now() - started));
  }
  return { recording: recordingFromLog({ request, records, startedAt: new Date(), end: { reason: "ended" } }), records };
}

/** A recording by hand: events as data, at the given times. */
export function handRecording(
  request: Record<string, unknown>,
  events: Array<[number, Record<string, unknown> & { type: string }]>,
): Recording {
  return {
    version: 1,
    request,
    events: events.map(([atMs, data]) => ({ atMs, type: data.type, data })),
  };
}
