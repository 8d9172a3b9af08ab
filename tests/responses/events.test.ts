import { describe, expect, it } from "vitest";
import { EVENT_EXPLANATIONS, explainEventType, isKnownEventType, KNOWN_EVENT_TYPE_LIST } from "@/lib/responses/events";

describe("event type catalogue", () => {
  it("lists the 53 event types of openai 6.49.0's ResponseStreamEvent, once each", () => {
    expect(KNOWN_EVENT_TYPE_LIST).toHaveLength(53);
    expect(new Set(KNOWN_EVENT_TYPE_LIST).size).toBe(53);
    expect(KNOWN_EVENT_TYPE_LIST).toContain("error");
    expect(KNOWN_EVENT_TYPE_LIST).toContain("response.output_text.annotation.added");
  });

  it("recognises only own keys as known types", () => {
    expect(isKnownEventType("response.output_text.delta")).toBe(true);
    expect(isKnownEventType("keepalive")).toBe(false);
    expect(isKnownEventType("toString")).toBe(false);
    expect(isKnownEventType("__proto__")).toBe(false);
    expect(isKnownEventType(undefined)).toBe(false);
  });

  it("explains every known type in one plain line", () => {
    for (const type of KNOWN_EVENT_TYPE_LIST) {
      const text = EVENT_EXPLANATIONS[type];
      expect(text.length, type).toBeGreaterThan(10);
      expect(text, type).not.toMatch(/\n/);
    }
    expect(explainEventType("keepalive")).toMatch(/keep-alive/);
    expect(explainEventType("response.future_thing")).toMatch(/does not know/);
  });
});
