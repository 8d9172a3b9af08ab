"use client";

import {
  INCLUDE_VALUES,
  REASONING_EFFORT_CHOICES,
  REASONING_SUMMARIES,
  SERVICE_TIERS,
  TEXT_FORMAT_TYPES,
  TRUNCATION_VALUES,
  VERBOSITY_VALUES,
  METADATA,
} from "@/lib/request/limits";
import { useComposer, useField } from "./composer-context";
import {
  BoolField,
  Field,
  IssueList,
  JsonField,
  KeyValueField,
  NumberField,
  SelectField,
  TextAreaField,
  TextField,
  inputCls,
  labelCls,
} from "./fields";
import { isRecord } from "@/lib/is-record";

/** Parameters, grouped as a developer looks for them. Every control writes one path; clearing it removes the key. */

function Group({ title, children }: { title: string; children: React.ReactNode }) {
  return (
    <fieldset className="flex min-w-0 flex-col gap-2 rounded-md border border-slate-200 p-2">
      <legend className="px-1 text-[11px] font-semibold text-slate-500">{title}</legend>
      {children}
    </fieldset>
  );
}

export function SamplingParams() {
  return (
    <Group title="Sampling">
      <div className="grid grid-cols-3 gap-2">
        <NumberField path={["temperature"]} label="temperature" min={0} max={2} />
        <NumberField path={["top_p"]} label="top_p" min={0} max={1} />
        <NumberField path={["top_logprobs"]} label="top_logprobs" integer min={0} max={20} />
      </div>
    </Group>
  );
}

export function OutputParams() {
  return (
    <Group title="Output">
      <div className="grid grid-cols-2 gap-2">
        <NumberField path={["max_output_tokens"]} label="max_output_tokens" integer placeholder="≥ 16" />
        <SelectField path={["text", "verbosity"]} label="text.verbosity" options={VERBOSITY_VALUES} unset="not set (medium)" />
      </div>
      <TextFormatEditor />
    </Group>
  );
}

/** `text.format`: text, json_object, or json_schema with name, strict and a checked schema. */
function TextFormatEditor() {
  const { set } = useComposer();
  const f = useField<Record<string, unknown>>(["text", "format"]);
  const format = isRecord(f.value) ? f.value : undefined;
  const type = typeof format?.type === "string" ? format.type : "";
  return (
    <div className="flex flex-col gap-2">
      <Field label="text.format" issues={f.issues}>
        {(id) => (
          <select
            id={id}
            className={`${inputCls} font-mono`}
            value={type}
            onChange={(e) => {
              const next = e.target.value;
              if (next === "") set(["text", "format"], undefined);
              else if (next === "json_schema")
                set(["text", "format"], {
                  type: next,
                  name: "answer",
                  strict: true,
                  schema: { type: "object", properties: { answer: { type: "string" } }, required: ["answer"], additionalProperties: false },
                });
              else set(["text", "format"], { type: next });
            }}
          >
            <option value="">not set (text)</option>
            {TEXT_FORMAT_TYPES.map((t) => (
              <option key={t}>{t}</option>
            ))}
          </select>
        )}
      </Field>
      {type === "json_schema" ? (
        <div className="flex flex-col gap-2 border-l-2 border-blue-100 pl-2">
          <div className="grid grid-cols-[1fr_auto] items-end gap-2">
            <TextField path={["text", "format", "name"]} label="name" placeholder="a-z A-Z 0-9 _ -" keepEmpty />
            <StrictToggle path={["text", "format", "strict"]} />
          </div>
          <TextField path={["text", "format", "description"]} label="description" placeholder="optional" />
          <JsonField
            path={["text", "format", "schema"]}
            label="schema"
            hint="JSON Schema, checked as you type"
            rows={8}
            allowUndefined={false}
          />
        </div>
      ) : null}
      {type === "json_object" ? (
        <p className="text-[11px] text-slate-500">JSON mode: the input or instructions must mention “JSON”.</p>
      ) : null}
    </div>
  );
}

export function StrictToggle({ path }: { path: (string | number)[] }) {
  const f = useField<boolean>(path);
  return (
    <label className="flex h-7 items-center gap-1.5 text-[12px] text-slate-700">
      <input type="checkbox" className="h-3.5 w-3.5 accent-blue-600" checked={f.value === true} onChange={(e) => f.set(e.target.checked)} />
      <span className="font-mono">strict</span>
    </label>
  );
}

export function ReasoningParams() {
  return (
    <Group title="Reasoning">
      <div className="grid grid-cols-2 gap-2">
        <SelectField path={["reasoning", "effort"]} label="reasoning.effort" options={REASONING_EFFORT_CHOICES} unset="not set (medium)" />
        <SelectField path={["reasoning", "summary"]} label="reasoning.summary" options={REASONING_SUMMARIES} />
      </div>
    </Group>
  );
}

export function StateParams() {
  return (
    <Group title="State & storage">
      <div className="grid grid-cols-2 gap-2">
        <BoolField path={["store"]} label="store" defaultNote="true" />
        <BoolField path={["background"]} label="background" defaultNote="false" />
      </div>
      <TextField path={["previous_response_id"]} label="previous_response_id" placeholder="resp_…" />
      <KeyValueField
        path={["metadata"]}
        label="metadata"
        maxPairs={METADATA.maxPairs}
        keyPlaceholder={`key (≤ ${METADATA.maxKeyLength})`}
        valuePlaceholder={`value (≤ ${METADATA.maxValueLength})`}
      />
    </Group>
  );
}

export function AdvancedParams() {
  return (
    <Group title="Advanced">
      <div className="grid grid-cols-2 gap-2">
        <SelectField path={["service_tier"]} label="service_tier" options={SERVICE_TIERS} unset="not set (auto)" />
        <SelectField path={["truncation"]} label="truncation" options={TRUNCATION_VALUES} unset="not set (disabled)" />
        <BoolField path={["parallel_tool_calls"]} label="parallel_tool_calls" defaultNote="true" />
        <NumberField path={["max_tool_calls"]} label="max_tool_calls" integer min={0} />
        <TextField path={["safety_identifier"]} label="safety_identifier" placeholder="≤ 64 chars" />
        <TextField path={["user"]} label="user" hint="deprecated" />
        <TextField path={["prompt_cache_key"]} label="prompt_cache_key" className="col-span-2" />
      </div>
      <IncludeField />
    </Group>
  );
}

/** `include`: the 8 values of the catalog as a checkbox list; none checked removes the key. */
function IncludeField() {
  const f = useField<string[]>(["include"], { nested: true });
  const selected = Array.isArray(f.value) ? f.value : [];
  const toggle = (value: string, on: boolean) => {
    const next = on ? [...selected, value] : selected.filter((v) => v !== value);
    f.set(next.length === 0 ? undefined : next);
  };
  return (
    <fieldset className="flex flex-col gap-1">
      <legend className={`${labelCls} mb-0.5`}>include</legend>
      <div className="grid grid-cols-1 gap-x-3 gap-y-0.5">
        {INCLUDE_VALUES.map((value) => (
          <label key={value} className="flex items-center gap-1.5 font-mono text-[11.5px] text-slate-700">
            <input
              type="checkbox"
              className="h-3.5 w-3.5 accent-blue-600"
              checked={selected.includes(value)}
              onChange={(e) => toggle(value, e.target.checked)}
            />
            {value}
          </label>
        ))}
      </div>
      <IssueList issues={f.issues} />
    </fieldset>
  );
}

export function InstructionsField() {
  const { body } = useComposer();
  if (body.instructions !== undefined && typeof body.instructions !== "string") {
    return <p className="text-[12px] text-slate-500">instructions is a list of items here; edit it in Request JSON.</p>;
  }
  return <TextAreaField path={["instructions"]} label="Instructions" placeholder="System / developer instructions (optional)" rows={3} />;
}
