"use client";

import { useTranslations } from "next-intl";
import { PRESETS, type Preset } from "@/lib/presets";
import type en from "@/messages/en.json";

/**
 * The seed examples as a list to load from: title, the two-line explanation, and a Load button. The composer
 * decides what loading means (replace the body, run `preparePreset` first for file search).
 */
export function PresetList({ onLoad, busyId }: { onLoad: (preset: Preset) => void; busyId?: string | null }) {
  // Titles and explanations come from the catalogs by preset id; in zh-CN the titles are the seeds' own.
  const t = useTranslations("presets");
  return (
    <ul aria-label={t("list")} className="flex flex-col gap-2">
      {PRESETS.map((preset) => {
        const title = t(`items.${preset.id as PresetId}.title`);
        return (
          <li key={preset.id} className="rounded-md border border-slate-200 bg-white p-3">
            <div className="flex items-start justify-between gap-3">
              <div className="min-w-0">
                <h3 className="text-sm font-semibold text-slate-900">{title}</h3>
                <p className="mt-0.5 text-xs leading-5 text-slate-600">{t(`items.${preset.id as PresetId}.what`)}</p>
                <p className="text-xs leading-5 text-slate-500">{t(`items.${preset.id as PresetId}.look`)}</p>
              </div>
              <button
                type="button"
                onClick={() => onLoad(preset)}
                disabled={busyId === preset.id}
                aria-label={t("loadLabel", { title })}
                className="shrink-0 rounded-md border border-slate-300 bg-white px-2.5 py-1 text-xs font-medium text-slate-700 hover:bg-slate-50 disabled:opacity-50"
              >
                {busyId === preset.id ? t("preparing") : t("load")}
              </button>
            </div>
          </li>
        );
      })}
    </ul>
  );
}

type PresetId = keyof (typeof en)["presets"]["items"];
