import { z } from "zod";

/**
 * What the proxy insists on before calling upstream: a JSON object with a string `model`. Everything else passes
 * through untouched, so new API fields are never blocked here (the full request schema is `lib/request/schema.ts`).
 */
export const ProxyResponsesBody = z.looseObject({
  model: z.string({ error: (issue) => (issue.input === undefined ? "Missing required parameter: 'model'." : "'model' must be a string.") }),
});
