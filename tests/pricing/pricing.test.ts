import { describe, expect, it } from "vitest";
import { costOf, DEFAULT_PRICES, formatUsd, parsePriceOverrides, priceFor, tokenCountBody } from "@/lib/pricing";

describe("price table", () => {
  it("finds a model by exact name, without a gateway prefix or a date suffix", () => {
    expect(priceFor("gpt-5", DEFAULT_PRICES)).toEqual({ input: 1.25, cachedInput: 0.125, output: 10 });
    expect(priceFor("openai/gpt-4.1-mini", DEFAULT_PRICES)).toBe(DEFAULT_PRICES["gpt-4.1-mini"]);
    expect(priceFor("gpt-4.1-2025-04-14", DEFAULT_PRICES)).toBe(DEFAULT_PRICES["gpt-4.1"]);
    expect(priceFor("my-model", DEFAULT_PRICES)).toBeNull();
    expect(priceFor(null, DEFAULT_PRICES)).toBeNull();
  });

  it("costs uncached input, cached input and output (reasoning is inside output)", () => {
    const price = { input: 2, cachedInput: 0.5, output: 8 };
    expect(costOf({ input_tokens: 1_000_000, output_tokens: 0 }, price)).toBe(2);
    expect(costOf({ input_tokens: 1_000_000, input_tokens_details: { cached_tokens: 500_000 }, output_tokens: 250_000 }, price)).toBe(
      1 + 0.25 + 2,
    );
    expect(costOf({ input_tokens: 100, input_tokens_details: { cached_tokens: 100 } }, { ...price, cachedInput: null })).toBeCloseTo(
      0.0002,
    );
  });

  it("formats small and large dollar amounts readably", () => {
    expect(formatUsd(0)).toBe("$0");
    expect(formatUsd(0.5)).toBe("$0.50");
    expect(formatUsd(0.0123)).toBe("$0.0123");
    expect(formatUsd(0.0000188)).toBe("$0.0000188");
    expect(formatUsd(12.345)).toBe("$12.35");
  });

  it("keeps only well-formed saved overrides", () => {
    expect(parsePriceOverrides("not json")).toEqual({});
    expect(
      parsePriceOverrides(
        JSON.stringify({
          "my-model": { input: 1, cachedInput: null, output: 2 },
          bad: { input: -1, output: 2 },
          nope: 3,
          "": { input: 1 },
        }),
      ),
    ).toEqual({ "my-model": { input: 1, cachedInput: null, output: 2 } });
  });

  it("cuts a create body down to the token-count endpoint's fields", () => {
    expect(tokenCountBody({ model: "m", input: "hi", stream: true, temperature: 1, tools: [], store: false, reasoning: null })).toEqual({
      model: "m",
      input: "hi",
      tools: [],
    });
  });
});
