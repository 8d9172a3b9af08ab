/**
 * Per-model token prices, for the composer's cost estimate and a finished run's cost. No React, no storage: the
 * Settings dialog keeps the user's edits (components/settings/price-settings.ts) and passes the merged table in.
 *
 * Source: OpenAI's published API prices (https://openai.com/api/pricing, standard tier, text tokens), as of
 * 2025-08-07 (the GPT-5 launch). Prices change: edit them in Settings, which also adds models (gateways, new names).
 */

export const PRICES_SOURCE = "OpenAI API pricing (openai.com/api/pricing), standard tier";
export const PRICES_AS_OF = "2025-08-07";

/** US dollars per one million tokens. `cachedInput` null: the model has no cached-input price (full input price). */
export interface ModelPrice {
  input: number;
  cachedInput: number | null;
  output: number;
}

export type PriceTable = Readonly<Record<string, ModelPrice>>;

const p = (input: number, cachedInput: number | null, output: number): ModelPrice => ({ input, cachedInput, output });

export const DEFAULT_PRICES: PriceTable = {
  "gpt-5": p(1.25, 0.125, 10),
  "gpt-5-mini": p(0.25, 0.025, 2),
  "gpt-5-nano": p(0.05, 0.005, 0.4),
  "gpt-5-chat-latest": p(1.25, 0.125, 10),
  "gpt-4.1": p(2, 0.5, 8),
  "gpt-4.1-mini": p(0.4, 0.1, 1.6),
  "gpt-4.1-nano": p(0.1, 0.025, 0.4),
  "gpt-4o": p(2.5, 1.25, 10),
  "gpt-4o-mini": p(0.15, 0.075, 0.6),
  o3: p(2, 0.5, 8),
  "o3-pro": p(20, null, 80),
  "o3-mini": p(1.1, 0.55, 4.4),
  "o4-mini": p(1.1, 0.275, 4.4),
  o1: p(15, 7.5, 60),
  "o1-mini": p(1.1, 0.55, 4.4),
  "o1-pro": p(150, null, 600),
  // The built-in engine costs nothing; listed so its runs show $0 rather than "no price".
  "local-echo-1": p(0, 0, 0),
  "local-reasoner-1": p(0, 0, 0),
};

/** The price of a model: exact name, else without a gateway prefix (`openai/gpt-5`) or a date suffix (`-2025-04-14`). */
export function priceFor(model: string | null | undefined, table: PriceTable): ModelPrice | null {
  if (!model) return null;
  const candidates = [model, model.split("/").pop() ?? model];
  for (const name of [...candidates, ...candidates.map((m) => m.replace(/-\d{4}-\d{2}-\d{2}$/, ""))]) {
    const price = table[name] ?? table[name.toLowerCase()];
    if (price) return price;
  }
  return null;
}

export interface TokenUsage {
  input_tokens?: number | null;
  output_tokens?: number | null;
  input_tokens_details?: { cached_tokens?: number | null } | null;
}

/** Dollars for a usage (reasoning tokens are already inside `output_tokens`, billed as output). */
export function costOf(usage: TokenUsage, price: ModelPrice): number {
  const input = usage.input_tokens ?? 0;
  const cached = Math.min(usage.input_tokens_details?.cached_tokens ?? 0, input);
  const output = usage.output_tokens ?? 0;
  return ((input - cached) * price.input + cached * (price.cachedInput ?? price.input) + output * price.output) / 1_000_000;
}

/** `$0.0123`: enough digits to see a one-token cost, never scientific notation. */
export function formatUsd(dollars: number): string {
  if (dollars === 0) return "$0";
  if (dollars >= 1) return `$${dollars.toFixed(2)}`;
  // Three significant digits, at least two decimals.
  const digits = Math.min(10, Math.max(2, 2 - Math.floor(Math.log10(dollars))));
  return `$${dollars.toFixed(digits).replace(/(\.\d\d\d*?)0+$/, "$1")}`;
}

/** Reads saved overrides (model → price), keeping only well-formed entries. */
export function parsePriceOverrides(text: string | null): Record<string, ModelPrice> {
  if (!text) return {};
  let value: unknown;
  try {
    value = JSON.parse(text);
  } catch {
    return {};
  }
  if (typeof value !== "object" || value === null || Array.isArray(value)) return {};
  const out: Record<string, ModelPrice> = {};
  for (const [model, raw] of Object.entries(value as Record<string, unknown>)) {
    if (typeof raw !== "object" || raw === null) continue;
    const { input, cachedInput, output } = raw as Record<string, unknown>;
    const ok = (n: unknown) => typeof n === "number" && Number.isFinite(n) && n >= 0;
    if (!model.trim() || !ok(input) || !ok(output) || !(cachedInput === null || ok(cachedInput))) continue;
    out[model.trim()] = { input: input as number, cachedInput: cachedInput as number | null, output: output as number };
  }
  return out;
}

/** The keys of a `POST /responses` body that `POST /responses/input_tokens` takes (the spec's TokenCountsBody). */
const TOKEN_COUNT_KEYS = [
  "model",
  "input",
  "instructions",
  "previous_response_id",
  "conversation",
  "tools",
  "tool_choice",
  "parallel_tool_calls",
  "text",
  "reasoning",
  "truncation",
] as const;

/** A create body cut down to what the token-count endpoint accepts (OpenAI refuses unknown parameters there). */
export function tokenCountBody(body: Record<string, unknown>): Record<string, unknown> {
  const out: Record<string, unknown> = {};
  for (const key of TOKEN_COUNT_KEYS) if (body[key] !== undefined && body[key] !== null) out[key] = body[key];
  return out;
}
