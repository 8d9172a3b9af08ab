"use client";

import { RANKERS } from "@/lib/request/limits";
import type { Path } from "@/lib/request/path";
import { ListField, NumberField, SelectField } from "../fields";
import { FilterBuilder } from "./filter-builder";

/** `file_search`: vector stores, max results (1–50), ranking options, metadata filters. */
export function FileSearchToolForm({ path }: { path: Path }) {
  return (
    <>
      <ListField path={[...path, "vector_store_ids"]} label="vector_store_ids" placeholder="vs_…" keepEmpty />
      <div className="grid grid-cols-3 gap-2">
        <NumberField path={[...path, "max_num_results"]} label="max_num_results" integer min={1} max={50} />
        <SelectField path={[...path, "ranking_options", "ranker"]} label="ranker" options={RANKERS} />
        <NumberField path={[...path, "ranking_options", "score_threshold"]} label="score_threshold" min={0} max={1} />
      </div>
      <FilterBuilder path={[...path, "filters"]} />
    </>
  );
}
