"use client";

import type { Path } from "@/lib/request/path";
import { JsonField, TextAreaField, TextField } from "../fields";
import { StrictToggle } from "../parameters";

/** `function`: name, description, parameters (JSON Schema, checked; strict rules when strict is on), strict. */
export function FunctionToolForm({ path }: { path: Path }) {
  return (
    <>
      <div className="grid grid-cols-[1fr_auto] items-end gap-2">
        <TextField path={[...path, "name"]} label="name" placeholder="get_weather" keepEmpty />
        <StrictToggle path={[...path, "strict"]} />
      </div>
      <TextAreaField
        path={[...path, "description"]}
        label="description"
        rows={2}
        placeholder="What it does, so the model knows when to call it"
      />
      <JsonField path={[...path, "parameters"]} label="parameters" hint="JSON Schema, checked as you type" rows={7} />
    </>
  );
}
