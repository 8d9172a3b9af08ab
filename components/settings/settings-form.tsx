"use client";

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
        <span className="font-medium">Your API key</span>
        <input
          aria-label="Your API key"
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
          Sent with each request as <code>Authorization: Bearer …</code> and never stored on the server. Kept for this tab only
          (sessionStorage) unless you tick Remember.
        </span>
      </label>
      <label className="flex flex-col gap-1">
        <span className="font-medium">Base URL</span>
        <input
          aria-label="Base URL"
          aria-describedby="rp-settings-base-hint"
          className={input}
          type="url"
          spellCheck={false}
          value={baseUrl}
          onChange={(e) => setBaseUrl(e.target.value)}
          placeholder="https://gateway.example.com/v1"
        />
        <span id="rp-settings-base-hint" className="text-xs text-slate-500">
          Any OpenAI-compatible API. Needs your own key: the server&apos;s key is never sent to a host you choose. Internal addresses are
          refused unless the operator allows them.
        </span>
      </label>
      <label className="flex items-center gap-2">
        <input type="checkbox" checked={remember} onChange={(e) => setRemember(e.target.checked)} />
        Remember on this device (localStorage)
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
          Forget
        </button>
        <button type="submit" className="h-8 rounded-md bg-slate-900 px-3 font-medium text-white">
          Save
        </button>
      </div>
    </form>
  );
}
