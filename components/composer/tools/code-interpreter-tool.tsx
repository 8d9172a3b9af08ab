"use client";

import { CODE_INTERPRETER_MEMORY } from "@/lib/request/limits";
import type { Path } from "@/lib/request/path";
import { useField } from "../composer-context";
import { Field, ListField, SelectField, TextField, inputCls } from "../fields";

/** `code_interpreter`: an automatic container (files ≤ 50, memory limit) or an existing container id. */
export function CodeInterpreterToolForm({ path }: { path: Path }) {
  const container = useField<unknown>([...path, "container"]);
  const byId = typeof container.value === "string";
  return (
    <>
      <Field label="container" issues={container.issues}>
        {(id) => (
          <select
            id={id}
            className={`${inputCls} font-mono`}
            value={byId ? "id" : "auto"}
            onChange={(e) => container.set(e.target.value === "id" ? "" : { type: "auto" })}
          >
            <option value="auto">auto (a new container)</option>
            <option value="id">an existing container id</option>
          </select>
        )}
      </Field>
      {byId ? (
        <TextField path={[...path, "container"]} label="container id" placeholder="cntr_…" keepEmpty />
      ) : (
        <div className="grid grid-cols-[1fr_7rem] gap-2">
          <ListField path={[...path, "container", "file_ids"]} label="container.file_ids" placeholder="file-…" hint="≤ 50" />
          <SelectField path={[...path, "container", "memory_limit"]} label="memory_limit" options={CODE_INTERPRETER_MEMORY} />
        </div>
      )}
    </>
  );
}
