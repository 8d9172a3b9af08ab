import type { Body } from "./defaults";

/**
 * The composer's draft, kept in IndexedDB (a body may hold data-URL images of up to 20 MB each, far beyond
 * localStorage's ~5 MB). One database, one object store, one well-known key, so other pages (a permalink's
 * "Open in playground") can put a body here with `saveDraft` before navigating to the playground.
 */

export const DRAFT_DB = "responses-playground";
export const DRAFT_STORE = "drafts";
export const DRAFT_KEY = "composer";

export interface Draft {
  body: Body;
  savedAt: number;
}

function open(): Promise<IDBDatabase> {
  return new Promise((resolve, reject) => {
    if (typeof indexedDB === "undefined") return reject(new Error("this browser has no IndexedDB"));
    const req = indexedDB.open(DRAFT_DB, 1);
    req.onupgradeneeded = () => {
      if (!req.result.objectStoreNames.contains(DRAFT_STORE)) req.result.createObjectStore(DRAFT_STORE);
    };
    req.onsuccess = () => resolve(req.result);
    req.onerror = () => reject(req.error ?? new Error("IndexedDB could not be opened"));
    req.onblocked = () => reject(new Error("IndexedDB is blocked by another tab"));
  });
}

let dbPromise: Promise<IDBDatabase> | null = null;
function db(): Promise<IDBDatabase> {
  dbPromise ??= open().catch((error: unknown) => {
    dbPromise = null;
    throw error;
  });
  return dbPromise;
}

export async function loadDraft(key = DRAFT_KEY): Promise<Draft | null> {
  const database = await db();
  return new Promise((resolve, reject) => {
    const req = database.transaction(DRAFT_STORE, "readonly").objectStore(DRAFT_STORE).get(key);
    req.onsuccess = () => {
      const value = req.result as Draft | undefined;
      resolve(value && typeof value.body === "object" && value.body !== null ? value : null);
    };
    req.onerror = () => reject(req.error ?? new Error("the draft could not be read"));
  });
}

export async function saveDraft(body: Body, key = DRAFT_KEY): Promise<void> {
  const database = await db();
  await new Promise<void>((resolve, reject) => {
    const tx = database.transaction(DRAFT_STORE, "readwrite");
    tx.objectStore(DRAFT_STORE).put({ body, savedAt: Date.now() } satisfies Draft, key);
    tx.oncomplete = () => resolve();
    tx.onerror = () => reject(tx.error ?? new Error("the draft could not be saved"));
    tx.onabort = () => reject(tx.error ?? new Error("saving the draft was aborted (is the disk full?)"));
    // Commit now rather than at the end of the task, so a reload right after typing keeps it.
    (tx as IDBTransaction & { commit?: () => void }).commit?.();
  });
}

/**
 * Saves the newest body, one write at a time: while a write is in flight only the latest body waits, so typing
 * over a 20 MB body never queues up copies of it.
 */
export function createDraftSaver(onResult: (error: Error | null) => void, key = DRAFT_KEY) {
  let pending: Body | null = null;
  let writing = false;
  const pump = async () => {
    if (writing) return;
    writing = true;
    while (pending !== null) {
      const body = pending;
      pending = null;
      try {
        await saveDraft(body, key);
        onResult(null);
      } catch (error) {
        onResult(error instanceof Error ? error : new Error(String(error)));
      }
    }
    writing = false;
  };
  return (body: Body) => {
    pending = body;
    void pump();
  };
}
