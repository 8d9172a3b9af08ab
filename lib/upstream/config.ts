import "server-only";
import { z } from "zod";

/** Server environment, parsed once. Keys never leave this side of the wire. */
const EnvSchema = z.object({
  OPENAI_API_KEY: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim() : undefined)),
  OPENAI_BASE_URL: z
    .string()
    .optional()
    .transform((v) => (v && v.trim() !== "" ? v.trim().replace(/\/+$/, "") : "https://api.openai.com/v1"))
    .pipe(z.url({ message: "OPENAI_BASE_URL must be an absolute http(s) URL" })),
});

export type ServerEnv = z.infer<typeof EnvSchema>;

/** Read on each call (cheap) so tests can change process.env between cases. */
export function serverEnv(): ServerEnv {
  return EnvSchema.parse({
    OPENAI_API_KEY: process.env.OPENAI_API_KEY,
    OPENAI_BASE_URL: process.env.OPENAI_BASE_URL,
  });
}
