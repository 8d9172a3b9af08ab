"use client";

import { PRESETS, type Preset } from "@/lib/presets";

/**
 * The seed examples as a list to load from: title, the two-line explanation, and a Load button. The composer
 * decides what loading means (replace the body, run `preparePreset` first for file search).
 */
export function PresetList({ onLoad, busyId }: { onLoad: (preset: Preset) => void; busyId?: string | null }) {
  return (
    <ul aria-label="Presets" className="flex flex-col gap-2">
      {PRESETS.map((preset) => (
        <li key={preset.id} className="rounded-md border border-slate-200 bg-white p-3">
          <div className="flex items-start justify-between gap-3">
            <div className="min-w-0">
              <h3 className="text-sm font-semibold text-slate-900">{preset.title}</h3>
              <p className="mt-0.5 text-xs leading-5 text-slate-600">{preset.explanation[0]}</p>
              <p className="text-xs leading-5 text-slate-500">{preset.explanation[1]}</p>
            </div>
            <button
              type="button"
              onClick={() => onLoad(preset)}
              disabled={busyId === preset.id}
              aria-label={`Load the ${preset.title} preset`}
              className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
            >
              {busyId === preset.id ? "Preparing…" : "Load"}
            </button>
          </div>
        </li>
      ))}
    </ul>
  );
}
