"use client";

import { keepPreviousData, useQuery } from "@tanstack/react-query";
import { useEffect, useState } from "react";
import { usePriceTable } from "@/components/settings/price-settings";
import { costOf, formatUsd, priceFor, tokenCountBody } from "@/lib/pricing";
import type { Body } from "@/lib/request/defaults";

/** Waits until the value has stopped changing for `ms` (typing in a message must not send a count per key). */
function useDebounced<T>(value: T, ms: number): T {
  const [settled, setSettled] = useState(value);
  useEffect(() => {
    const t = setTimeout(() => setSettled(value), ms);
    return () => clearTimeout(t);
  }, [value, ms]);
  return settled;
}

/**
 * The input-token count of the request as it stands (`POST /api/v1/responses/input_tokens`, the upstream's own
 * counter), and its estimated input cost from the price table. Counted 400 ms after the last change; a count still
 * in flight when the request changes again is aborted (TanStack Query cancels a query whose key its observer left,
 * because the fetch takes its AbortSignal).
 */
export function InputTokenEstimate({ body, upstreamHeaders }: { body: Body; upstreamHeaders: Record<string, string> }) {
  const countBody = JSON.stringify(tokenCountBody(body));
  const settled = useDebounced(countBody, 400);
  const model = typeof body.model === "string" ? body.model : "";
  const { table } = usePriceTable();
  const query = useQuery({
    queryKey: ["input_tokens", settled, upstreamHeaders["x-playground-upstream"] ?? "", upstreamHeaders["x-playground-base-url"] ?? ""],
    queryFn: async ({ signal }) => {
      const res = await fetch("/api/v1/responses/input_tokens", {
        method: "POST",
        headers: { ...upstreamHeaders, "content-type": "application/json" },
        body: settled,
        signal,
      });
      const json = (await res.json().catch(() => null)) as { input_tokens?: unknown; error?: { message?: string } } | null;
      if (!res.ok || typeof json?.input_tokens !== "number") {
        throw new Error(json?.error?.message ?? `HTTP ${res.status}`);
      }
      return json.input_tokens;
    },
    enabled: model !== "",
    retry: false,
    staleTime: 5 * 60_000,
    placeholderData: keepPreviousData,
  });

  const price = priceFor(model, table);
  const pending = settled !== countBody || query.isFetching;
  let text: string;
  if (query.data !== undefined) {
    const cost = price ? ` · ≈ ${formatUsd(costOf({ input_tokens: query.data }, price))} input` : "";
    text = `${query.data.toLocaleString("en")} input tokens${cost}`;
  } else if (query.isError) text = "Input tokens: not available";
  else text = model ? "Counting input tokens…" : "";
  if (!text) return null;
  return (
    <p
      data-testid="input-token-estimate"
      data-pending={pending || undefined}
      className={`text-[11px] tabular-nums ${pending ? "text-slate-400" : "text-slate-600"}`}
      title={
        query.isError
          ? `The upstream could not count this request's tokens: ${query.error.message}`
          : price
            ? `Counted by the upstream (POST /responses/input_tokens). Cost at ${formatUsd(price.input)} per 1M input tokens for ${model} (prices in Settings).`
            : `Counted by the upstream (POST /responses/input_tokens). No price for ${model}: add one in Settings.`
      }
    >
      {text}
    </p>
  );
}
