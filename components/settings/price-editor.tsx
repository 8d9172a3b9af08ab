"use client";

import { useState } from "react";
import { DEFAULT_PRICES, PRICES_AS_OF, PRICES_SOURCE, type ModelPrice } from "@/lib/pricing";
import { savePriceOverrides, usePriceTable } from "./price-settings";

type Row = { model: string; input: string; cachedInput: string; output: string };

const toRow = (model: string, p: ModelPrice): Row => ({
  model,
  input: String(p.input),
  cachedInput: p.cachedInput === null ? "" : String(p.cachedInput),
  output: String(p.output),
});

/** Settings: the per-model prices behind the cost estimates, editable; only changed or added rows are stored. */
export function PriceEditor() {
  const { table } = usePriceTable();
  const [rows, setRows] = useState<Row[]>(() => Object.entries(table).map(([m, p]) => toRow(m, p)));
  const [saved, setSaved] = useState(false);
  const cell = "h-7 w-full rounded border border-slate-300 px-1.5 font-mono text-xs tabular-nums";
  const set = (i: number, patch: Partial<Row>) => {
    setSaved(false);
    setRows((rs) => rs.map((r, j) => (j === i ? { ...r, ...patch } : r)));
  };

  const save = () => {
    const overrides: Record<string, ModelPrice> = {};
    for (const r of rows) {
      const model = r.model.trim();
      const input = Number(r.input);
      const output = Number(r.output);
      const cachedInput = r.cachedInput.trim() === "" ? null : Number(r.cachedInput);
      if (!model || !Number.isFinite(input) || !Number.isFinite(output) || (cachedInput !== null && !Number.isFinite(cachedInput)))
        continue;
      const price = { input, cachedInput, output };
      const published = DEFAULT_PRICES[model];
      if (!published || JSON.stringify(published) !== JSON.stringify(price)) overrides[model] = price;
    }
    savePriceOverrides(overrides);
    setSaved(true);
  };

  return (
    <section aria-label="Token prices" className="mt-4 flex flex-col gap-2 border-t border-slate-200 pt-3 text-sm">
      <h3 className="font-medium">Token prices (US$ per 1M tokens)</h3>
      <p className="text-xs text-slate-500">
        Used for the composer&apos;s estimate and each run&apos;s cost. Published prices: {PRICES_SOURCE}, as of {PRICES_AS_OF}. Edit a row
        or add a model; your changes stay in this browser (localStorage).
      </p>
      <div className="max-h-64 overflow-y-auto">
        <table className="w-full border-separate border-spacing-1 text-xs">
          <thead className="text-left text-slate-500">
            <tr>
              <th>Model</th>
              <th>Input</th>
              <th>Cached input</th>
              <th>Output</th>
            </tr>
          </thead>
          <tbody>
            {rows.map((r, i) => (
              <tr key={i}>
                <td>
                  <input
                    aria-label={`Model ${i + 1}`}
                    className={cell}
                    value={r.model}
                    onChange={(e) => set(i, { model: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${r.model} input price`}
                    className={cell}
                    inputMode="decimal"
                    value={r.input}
                    onChange={(e) => set(i, { input: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${r.model} cached input price`}
                    className={cell}
                    inputMode="decimal"
                    placeholder="= input"
                    value={r.cachedInput}
                    onChange={(e) => set(i, { cachedInput: e.target.value })}
                  />
                </td>
                <td>
                  <input
                    aria-label={`${r.model} output price`}
                    className={cell}
                    inputMode="decimal"
                    value={r.output}
                    onChange={(e) => set(i, { output: e.target.value })}
                  />
                </td>
              </tr>
            ))}
          </tbody>
        </table>
      </div>
      <div className="flex items-center justify-end gap-2">
        {saved ? (
          <span role="status" className="text-xs text-emerald-700">
            Prices saved.
          </span>
        ) : null}
        <button
          type="button"
          className="h-8 rounded-md border border-slate-300 px-3"
          onClick={() => setRows((rs) => [...rs, { model: "", input: "0", cachedInput: "", output: "0" }])}
        >
          Add model
        </button>
        <button
          type="button"
          className="h-8 rounded-md border border-slate-300 px-3"
          onClick={() => {
            savePriceOverrides({});
            setRows(Object.entries(DEFAULT_PRICES).map(([m, p]) => toRow(m, p)));
            setSaved(true);
          }}
        >
          Reset to published
        </button>
        <button type="button" className="h-8 rounded-md bg-slate-900 px-3 font-medium text-white" onClick={save}>
          Save prices
        </button>
      </div>
    </section>
  );
}
