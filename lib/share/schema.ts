import { z } from "zod";
import { RecordingSchema } from "./recording";

/**
 * The body of `POST /api/share`. Only these three fields are read: anything else a client sends (headers, a key)
 * is dropped here, before the store scrubs what is left.
 */
export const SharePayloadSchema = z.object({
  title: z.string().max(2000, "The title is too long (at most 200 characters are kept).").optional().default(""),
  request: z.looseObject({
    model: z.string({ error: (issue) => (issue.input === undefined ? "The request has no 'model'." : "'model' must be a string.") }),
  }),
  recording: RecordingSchema.nullish(),
});

export type SharePayload = z.input<typeof SharePayloadSchema>;

/** What `POST /api/share` answers (201). */
export interface ShareCreated {
  id: string;
  /** `/p/{id}` */
  path: string;
  /** Absolute link, from the request's own origin (or x-forwarded-host/proto behind a proxy). */
  url: string;
  /** Locations of anything removed because it looked like a key (empty when nothing was). */
  removed: string[];
  sizeBytes: number;
}

/** What `GET /api/share` answers: whether permalinks can be stored here, and the size limit. */
export interface ShareCapabilities {
  storage: "sqlite" | "postgres" | "none";
  maxBytes: number;
}

export function permalinkPath(id: string): string {
  return `/p/${id}`;
}
