import "server-only";
import { loadFiles } from "./files";
import { loadHistory } from "./state";
import { loadVectorStores } from "./vector-stores";

/**
 * The engine plans a response synchronously (schema checks, the turn, the item scripts); what it reads from the
 * database (the `previous_response_id` chain, files named by `file_id`, vector stores named by `file_search`) is
 * loaded first, from the raw body. A cheap scan, not a second parse: loading something the request turns out not
 * to use costs one read and changes nothing.
 */
export async function loadForBody(text: string): Promise<void> {
  const previous = /"previous_response_id"\s*:\s*"([^"\\]{1,200})"/.exec(text)?.[1] ?? null;
  const fileIds = [...text.matchAll(/"file_id"\s*:\s*"([^"\\]{1,200})"/g)].map((m) => m[1]!);
  const storeIds: string[] = [];
  for (const m of text.matchAll(/"vector_store_ids"\s*:\s*\[([^\]]{0,20000})\]/g)) {
    for (const id of m[1]!.matchAll(/"([^"\\]{1,200})"/g)) storeIds.push(id[1]!);
  }
  await loadForIds({ previousResponseId: previous, fileIds, vectorStoreIds: storeIds });
}

/** The same, with the ids already found (a big body's are found in the parser thread: parse-off-thread.ts). */
export async function loadForIds(ids: { previousResponseId: string | null; fileIds: string[]; vectorStoreIds: string[] }): Promise<void> {
  if (ids.previousResponseId !== null) await loadHistory(ids.previousResponseId);
  if (ids.fileIds.length > 0) await loadFiles(ids.fileIds);
  if (ids.vectorStoreIds.length > 0) await loadVectorStores(ids.vectorStoreIds);
}
