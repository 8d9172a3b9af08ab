"use client";

import { IMAGE_GEN } from "@/lib/request/limits";
import type { Path } from "@/lib/request/path";
import { NumberField, SelectField } from "../fields";

/** `image_generation`: model, quality, size, format and compression, background, moderation, partial images. */
export function ImageGenerationToolForm({ path }: { path: Path }) {
  const p = (k: string) => [...path, k];
  return (
    <div className="grid grid-cols-3 gap-2">
      <SelectField path={p("model")} label="model" options={IMAGE_GEN.models} unset="default" />
      <SelectField path={p("quality")} label="quality" options={IMAGE_GEN.quality} unset="auto" />
      <SelectField path={p("size")} label="size" options={IMAGE_GEN.size} unset="auto" />
      <SelectField path={p("output_format")} label="output_format" options={IMAGE_GEN.outputFormat} unset="png" />
      <NumberField path={p("output_compression")} label="output_compression" integer min={0} max={100} />
      <SelectField path={p("background")} label="background" options={IMAGE_GEN.background} unset="auto" />
      <SelectField path={p("moderation")} label="moderation" options={IMAGE_GEN.moderation} unset="auto" />
      <NumberField path={p("partial_images")} label="partial_images" integer min={0} max={3} />
      <SelectField path={p("input_fidelity")} label="input_fidelity" options={IMAGE_GEN.inputFidelity} />
      <SelectField path={p("action")} label="action" options={IMAGE_GEN.action} unset="auto" />
    </div>
  );
}
