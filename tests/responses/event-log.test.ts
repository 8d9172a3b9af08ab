import { afterEach, describe, expect, it, vi } from "vitest";
import { EventLog, eventRecordInput } from "@/lib/responses/event-log";
import { parseSseMessage } from "@/lib/responses/sse";

const rec = (type: string, atMs = 0) => ({ type, sequenceNumber: null, atMs, data: { type }, raw: `{"type":"${type}"}` });

describe("EventLog", () => {
  afterEach(() => {
    vi.unstubAllGlobals();
  });

  it("appends records with their index and reads them back", () => {
    const log = new EventLog();
    expect(log.append(rec("a"))).toBe(0);
    expect(log.append(rec("b"))).toBe(1);
    expect(log.length).toBe(2);
    expect(log.get(1)).toMatchObject({ index: 1, type: "b" });
    expect(log.get(5)).toBeUndefined();
    expect(log.slice(0, 1).map((r) => r.type)).toEqual(["a"]);
    expect(log.slice().map((r) => r.index)).toEqual([0, 1]);
  });

  it("notifies once per microtask batch without requestAnimationFrame", async () => {
    const log = new EventLog();
    const fn = vi.fn();
    log.subscribe(fn);
    const v0 = log.version;
    for (let i = 0; i < 40_000; i++) log.append(rec("response.output_text.delta", i));
    expect(fn).not.toHaveBeenCalled();
    expect(log.version).toBe(v0); // the snapshot only moves when subscribers hear about it
    await Promise.resolve();
    expect(fn).toHaveBeenCalledTimes(1);
    expect(log.version).toBe(v0 + 1);
    expect(log.length).toBe(40_000);
  });

  it("notifies at most once per animation frame when requestAnimationFrame exists", () => {
    const frames: Array<() => void> = [];
    vi.stubGlobal("requestAnimationFrame", (cb: () => void) => frames.push(cb));
    vi.stubGlobal("cancelAnimationFrame", () => {});
    const log = new EventLog();
    const fn = vi.fn();
    log.subscribe(fn);
    for (let i = 0; i < 100; i++) log.append(rec("x"));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(fn).toHaveBeenCalledTimes(1);
    log.append(rec("y"));
    log.append(rec("z"));
    expect(frames).toHaveLength(1);
    frames.shift()!();
    expect(fn).toHaveBeenCalledTimes(2);
  });

  it("flush notifies synchronously; unsubscribe stops notifications; clear empties", async () => {
    const log = new EventLog();
    const fn = vi.fn();
    const off = log.subscribe(fn);
    log.append(rec("a"));
    log.flush();
    expect(fn).toHaveBeenCalledTimes(1);
    await Promise.resolve();
    expect(fn).toHaveBeenCalledTimes(1); // the pending batch was consumed by flush
    log.clear();
    expect(log.length).toBe(0);
    await Promise.resolve();
    expect(fn).toHaveBeenCalledTimes(2);
    off();
    log.append(rec("b"));
    await Promise.resolve();
    expect(fn).toHaveBeenCalledTimes(2);
    expect(log.append(rec("c"))).toBe(1);
  });

  it("builds records from parsed SSE messages", () => {
    const p = parseSseMessage({ event: undefined, id: undefined, data: '{"type":"response.created","sequence_number":0,"response":{}}' });
    expect(eventRecordInput(p, 12)).toEqual({
      type: "response.created",
      sequenceNumber: 0,
      atMs: 12,
      data: { type: "response.created", sequence_number: 0, response: {} },
      raw: '{"type":"response.created","sequence_number":0,"response":{}}',
      reparse: true,
    });
    expect(eventRecordInput({ kind: "done" }, 1).type).toBe("[DONE]");
    expect(eventRecordInput({ kind: "invalid", raw: "{x", reason: "malformed JSON" }, 1)).toMatchObject({
      data: null,
      raw: "{x",
      sequenceNumber: null,
    });
  });

  it("keeps only the raw text of a verbatim event, and gives the same data back when read", () => {
    const log = new EventLog();
    const raw = '{"type":"response.output_text.delta","delta":"hé","sequence_number":3}';
    const p = parseSseMessage({ event: undefined, id: undefined, data: raw });
    const i = log.append(eventRecordInput(p, 5));
    const record = log.get(i)!;
    expect(record.data).toEqual({ type: "response.output_text.delta", delta: "hé", sequence_number: 3 });
    expect(record.data).not.toBe(record.data); // parsed again on each read: nothing kept but the text
    expect(JSON.parse(JSON.stringify(record))).toEqual({
      index: 0,
      type: "response.output_text.delta",
      sequenceNumber: 3,
      atMs: 5,
      data: record.data,
      raw,
    });
    // A normalised event (here a nested error) is kept as normalised: the raw text would not give it back.
    const e = parseSseMessage({ event: undefined, id: undefined, data: '{"error":{"message":"boom","code":"x"}}' });
    const j = log.append(eventRecordInput(e, 6));
    expect(log.get(j)!.data).toEqual({ type: "error", code: "x", message: "boom", param: null });
  });
});
