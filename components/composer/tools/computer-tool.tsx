"use client";

import { COMPUTER_ENVIRONMENTS } from "@/lib/request/limits";
import type { Path } from "@/lib/request/path";
import { NumberField, SelectField } from "../fields";

/** `computer_use_preview`: environment and display size, all three required. */
export function ComputerToolForm({ path }: { path: Path }) {
  return (
    <div className="grid grid-cols-3 gap-2">
      <SelectField path={[...path, "environment"]} label="environment" options={COMPUTER_ENVIRONMENTS} unset="choose…" />
      <NumberField path={[...path, "display_width"]} label="display_width" integer min={1} placeholder="1024" />
      <NumberField path={[...path, "display_height"]} label="display_height" integer min={1} placeholder="768" />
    </div>
  );
}
