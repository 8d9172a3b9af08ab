"use client";

import { useTranslations } from "next-intl";
import { useState } from "react";
import type { CallerSettings } from "./caller-settings";

/** The Settings dialog's body: your own API key and base URL, kept in this browser only. */
export function SettingsForm({
  value,
  onSave,
  onClose,
}: {
  value: CallerSettings;
  onSave: (s: CallerSettings) => void;
  onClose: () => void;
}) {
  const t = useTranslations("settings");
  const [apiKey, setApiKey] = useState(value.apiKey);
  const [baseUrl, setBaseUrl] = useState(value.baseUrl);
  const [remember, setRemember] = useState(value.remember);
  const input = "h-8 w-full rounded-md border border-slate-300 px-2 font-mono text-sm";
  return (
    <form
      className="flex flex-col gap-3 text-sm"
      onSubmit={(e) => {
        e.preventDefault();
        onSave({ apiKey, baseUrl, remember });
        onClose();
      }}
    >
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("apiKey")}</span>
        <input
          aria-label={t("apiKey")}
          aria-describedby="rp-settings-key-hint"
          className={input}
          type="password"
          autoComplete="off"
          spellCheck={false}
          value={apiKey}
          onChange={(e) => setApiKey(e.target.value)}
          placeholder="sk-…"
        />
        <span id="rp-settings-key-hint" className="text-xs text-slate-500">
          {t.rich("apiKeyHint", { code: (chunks) => <code>{chunks}</code> })}
        </span>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">{t("baseUrl")}</span>
        <input
          aria-label={t("baseUrl")}
          aria-describedby="rp-settings-base-hint"
          className={input}
          type="url"
          spellCheck={false}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder="https://gateway.example.com/v1"
        />
        <span id="rp-settings-base-hint" className="text-xs text-slate-500">
          {t("baseUrlHint")}
        </span>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        {t("remember")}
      </label>
      <div className="flex justify-end gap-2">
        <button
          type="button"
          className="h-8 rounded-md border border-slate-300 px-3"
          onClick={() => {
            onSave({ apiKey: "", baseUrl: "", remember: false });
            onClose();
          }}
        >
          {t("forget")}
        </button>
        <button type="submit" className="h-8 rounded-md bg-slate-900 px-3 font-medium text-white">
          {t("save")}
        </button>
      </div>
    </form>
  );
}
