import { describe, expect, it } from "vitest";
import { EVENT_EXPLANATIONS, explainEventType, isKnownEventType, KNOWN_EVENT_TYPE_LIST } from "@/lib/responses/events";

describe("event type catalogue", () => {
  it("lists the 59 event types of the 7.x SDK's ResponseStreamEvent (6.49.0's 53 and 6 declared locally), once each", () => {
    expect(KNOWN_EVENT_TYPE_LIST).toHaveLength(59);
    expect(new Set(KNOWN_EVENT_TYPE_LIST).size).toBe(59);
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
