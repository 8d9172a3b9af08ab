import { z } from "zod";

/**
 * What the proxy insists on before calling upstream for Chat Completions: a JSON object with a string `model` and
 * an array `messages`. Everything else passes through untouched.
 */
export const ProxyChatCompletionsBody = z.looseObject({
  model: z.string({ error: (issue) => (issue.input === undefined ? "Missing required parameter: 'model'." : "'model' must be a string.") }),
  messages: z.array(z.unknown(), {
    error: (issue) => (issue.input === undefined ? "Missing required parameter: 'messages'." : "'messages' must be an array of messages."),
  }),
});
