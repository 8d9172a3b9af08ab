"use client";

import { useTranslations } from "next-intl";
import { usePriceTable } from "@/components/settings/price-settings";
import { costOf, formatUsd, priceFor, PRICES_AS_OF } from "@/lib/pricing";
import type { RunState } from "@/lib/responses/run-state";

/** A finished run's cost, from its usage and the price table (Settings); nothing until usage arrives. */
export function RunCost({ state }: { state: Pick<RunState, "usage" | "model"> }) {
  const t = useTranslations("cost");
  const { table, overrides } = usePriceTable();
  if (!state.usage) return null;
  const price = priceFor(state.model, table);
  const edited = state.model !== null && state.model in overrides;
  return (
    <p data-testid="run-cost" className="text-xs text-slate-600">
      <span className="font-medium">{t("label")}</span>{" "}
      {price ? (
        <span
          className="font-mono tabular-nums"
          title={t("title", {
            model: state.model ?? "",
            input: formatUsd(price.input),
            cached: formatUsd(price.cachedInput ?? price.input),
            output: formatUsd(price.output),
            source: edited ? t("yourPrice") : t("published", { date: PRICES_AS_OF }),
          })}
        >
          ≈ {formatUsd(costOf(state.usage, price))}
        </span>
      ) : (
        <span>{t("noPrice", { model: state.model ?? t("thisModel") })}</span>
      )}
    </p>
  );
}
