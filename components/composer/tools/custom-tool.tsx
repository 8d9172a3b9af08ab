"use client";

import { CUSTOM_GRAMMAR_SYNTAX } from "@/lib/request/limits";
import { type Path } from "@/lib/request/path";
import { useField } from "../composer-context";
import { Field, SelectField, TextAreaField, TextField, areaCls, inputCls } from "../fields";
import { isRecord } from "@/lib/is-record";

/** `custom`: a free-form tool (name, description) with unconstrained text or a Lark / regex grammar. */
export function CustomToolForm({ path }: { path: Path }) {
  const format = useField<Record<string, unknown>>([...path, "format"], { nested: true });
  const kind = isRecord(format.value) ? String(format.value.type) : "";
  const definition = useField<string>([...path, "format", "definition"]);
  return (
    <>
      <TextField path={[...path, "name"]} label="name" placeholder="run_sql" keepEmpty />
      <TextAreaField path={[...path, "description"]} label="description" rows={2} />
      <Field label="format" issues={format.issues.filter((i) => i.path === format.key)}>
        {(id) => (
          <select
            id={id}
            className={`${inputCls} font-mono`}
            value={kind}
            onChange={(e) => {
              const v = e.target.value;
              format.set(v === "" ? undefined : v === "grammar" ? { type: "grammar", syntax: "lark", definition: "" } : { type: v });
            }}
          >
            <option value="">not set (unconstrained text)</option>
            <option value="text">text</option>
            <option value="grammar">grammar</option>
          </select>
        )}
      </Field>
      {kind === "grammar" ? (
        <>
          <SelectField path={[...path, "format", "syntax"]} label="syntax" options={CUSTOM_GRAMMAR_SYNTAX} keepUnset />
          <Field label="definition" issues={definition.issues}>
            {(id) => (
              <textarea
                id={id}
                rows={4}
                className={`${areaCls} font-mono text-[12px]`}
                value={definition.value ?? ""}
                onChange={(e) => definition.set(e.target.value)}
              />
            )}
          </Field>
        </>
      ) : null}
    </>
  );
}
