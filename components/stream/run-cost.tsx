"use client";

import { usePriceTable } from "@/components/settings/price-settings";
import { costOf, formatUsd, priceFor, PRICES_AS_OF } from "@/lib/pricing";
import type { RunState } from "@/lib/responses/run-state";

/** A finished run's cost, from its usage and the price table (Settings); nothing until usage arrives. */
export function RunCost({ state }: { state: Pick<RunState, "usage" | "model"> }) {
  const { table, overrides } = usePriceTable();
  if (!state.usage) return null;
  const price = priceFor(state.model, table);
  const edited = state.model !== null && state.model in overrides;
  return (
    <p data-testid="run-cost" className="text-xs text-slate-600">
      <span className="font-medium">Cost:</span>{" "}
      {price ? (
        <span
          className="font-mono tabular-nums"
          title={`${state.model}: ${formatUsd(price.input)} input, ${formatUsd(price.cachedInput ?? price.input)} cached input, ${formatUsd(price.output)} output per 1M tokens (${edited ? "your price, Settings" : `published prices of ${PRICES_AS_OF}`}); reasoning tokens are billed as output.`}
        >
          ≈ {formatUsd(costOf(state.usage, price))}
        </span>
      ) : (
        <span>no price for {state.model ?? "this model"} (add one in Settings)</span>
      )}
    </p>
  );
}
