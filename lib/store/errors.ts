import "server-only";

/**
 * What went wrong with the database, in plain words: a permanent misconfiguration (a read-only SQLite file, a folder
 * that cannot be created) says what to fix; a database that does not answer says to try again.
 */
export interface StoreProblem {
  /** Retrying can help (the database is slow, down, or frozen). */
  transient: boolean;
  message: string;
}

/** A SQLite setup the server cannot fix by retrying (read-only file, folder missing or not writable). */
export class SqliteConfigError extends Error {
  override name = "SqliteConfigError";
}

export function describeStoreError(error: unknown): StoreProblem {
  const text = error instanceof Error ? `${(error as { code?: unknown }).code ?? ""} ${error.message}` : String(error);
  if (error instanceof Error && error.name === "SqliteConfigError") return { transient: false, message: error.message };
  if (/SQLITE_READONLY|readonly database/i.test(text)) {
    return {
      transient: false,
      message: "The SQLite database is read-only (its file or folder is not writable by the server): it can be read, not written.",
    };
  }
  if (/SQLITE_CANTOPEN|unable to open database/i.test(text)) {
    return {
      transient: false,
      message: "The SQLite database file cannot be opened: its folder is missing or not accessible to the server.",
    };
  }
  if (/timeout|timed out/i.test(text)) return { transient: true, message: "The database did not answer in time. Try again in a moment." };
  if (/ECONNREFUSED|ENOTFOUND|EAI_AGAIN/i.test(text)) {
    return {
      transient: true,
      message: "The database refused the connection (is it running, and is DATABASE_URL right?). Try again in a moment.",
    };
  }
  return { transient: true, message: "The database did not answer. Try again in a moment." };
}
