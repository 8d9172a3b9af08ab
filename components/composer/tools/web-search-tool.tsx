"use client";

import { SEARCH_CONTEXT_SIZES } from "@/lib/request/limits";
import { type Path } from "@/lib/request/path";
import { useComposer, useField } from "../composer-context";
import { BoolField, Field, ListField, SelectField, inputCls, labelCls } from "../fields";
import { isRecord } from "@/lib/is-record";

const VARIANTS = ["web_search", "web_search_2025_08_26", "web_search_preview", "web_search_preview_2025_03_11"] as const;

/** `web_search` and `web_search_preview`: context size, approximate user location; allowed domains (GA only). */
export function WebSearchToolForm({ path }: { path: Path }) {
  const { set } = useComposer();
  const type = String(useField<string>([...path, "type"]).value);
  const preview = type.startsWith("web_search_preview");
  return (
    <>
      <div className="grid grid-cols-2 gap-2">
        <SelectField path={[...path, "type"]} label="type" options={VARIANTS} keepUnset />
        <SelectField
          path={[...path, "search_context_size"]}
          label="search_context_size"
          options={SEARCH_CONTEXT_SIZES}
          unset="not set (medium)"
        />
      </div>
      <UserLocation path={[...path, "user_location"]} onClear={() => set([...path, "user_location"], undefined)} />
      {preview ? (
        <p className="text-[11px] text-slate-500">The preview tool has no domain filter; switch to web_search to limit domains.</p>
      ) : (
        <>
          <ListField path={[...path, "filters", "allowed_domains"]} label="filters.allowed_domains" placeholder="openai.com, example.org" />
          <BoolField path={[...path, "external_web_access"]} label="external_web_access" defaultNote="true" />
        </>
      )}
    </>
  );
}

function UserLocation({ path, onClear }: { path: Path; onClear: () => void }) {
  const f = useField<Record<string, unknown>>(path, { nested: true });
  const loc = isRecord(f.value) ? f.value : {};
  const write = (key: string, value: string) => {
    const next: Record<string, unknown> = { ...loc, type: "approximate" };
    if (value === "") delete next[key];
    else next[key] = value;
    if (Object.keys(next).every((k) => k === "type")) onClear();
    else f.set(next);
  };
  return (
    <fieldset className="grid grid-cols-4 gap-2">
      <legend className={`${labelCls} col-span-4 mb-0.5`}>user_location (approximate)</legend>
      {(["country", "region", "city", "timezone"] as const).map((key) => (
        <Field key={key} label={key} issues={f.issues.filter((i) => i.path.endsWith(`.${key}`))}>
          {(id) => (
            <input
              id={id}
              className={`${inputCls} font-mono`}
              value={typeof loc[key] === "string" ? (loc[key] as string) : ""}
              placeholder={{ country: "US", region: "CA", city: "San Francisco", timezone: "America/Los_Angeles" }[key]}
              onChange={(e) => write(key, e.target.value)}
            />
          )}
        </Field>
      ))}
    </fieldset>
  );
}
