import type { RunError } from "./run-state";

/**
 * Plain words for an error, following the seed documents' error table (401 missing or invalid key,
 * 403 no permission or no balance, 429 rate limit, 500 server error, 503 overloaded or blocked content).
 * `title` is the one-line headline; `hint` says what to do next. The API's own message is shown beside it.
 */
export interface ErrorWords {
  title: string;
  hint: string;
}

export function errorWords(error: RunError): ErrorWords {
  if (error.source === "network") {
    return { title: "The playground server could not be reached", hint: "Check that the app is still running, then try again." };
  }
  if (error.source === "parse") {
    return { title: "The stream could not be read", hint: "The upstream sent data that is not a valid event. The output so far is kept." };
  }
  if (error.source === "event" || error.source === "response") {
    return {
      title: error.code === "rate_limit_exceeded" ? "Rate limit reached during the answer" : "The model stopped with an error",
      hint: "The output that arrived before the error is kept below.",
    };
  }
  switch (error.status) {
    case 400:
      return {
        title: "The request was rejected (400 Bad Request)",
        hint: error.param ? `Fix the parameter \`${error.param}\` and run again.` : "Something in the request is not valid; the message says what.",
      };
    case 401:
      return { title: "The API key is missing or invalid (401 Unauthorized)", hint: "Set a valid key in the server's OPENAI_API_KEY, or send your own." };
    case 403:
      return {
        title: "Not allowed (403 Forbidden)",
        hint: "The key has no access to this model or resource, the account balance is used up, or the region is not supported.",
      };
    case 404:
      return { title: "Not found (404)", hint: "The model, response id or path does not exist for this key." };
    case 413:
      return { title: "The request is too large (413)", hint: "Send smaller inputs (images and files count)." };
    case 429: {
      const wait = error.retryAfterSeconds != null ? ` Try again in ${error.retryAfterSeconds} s.` : "";
      return {
        title: "Too many requests (429 Rate limit)",
        hint: `You are over the rate limit or out of quota.${wait}`,
      };
    }
    case 500:
      return { title: "The upstream had an internal error (500)", hint: "Not your fault; try again in a moment." };
    case 502:
      return { title: "The upstream could not be reached (502)", hint: "The playground server could not connect to the API. Check the base URL and the network." };
    case 503:
      return {
        title: "The service is overloaded or blocked the content (503)",
        hint: "Slow down and retry later; if it repeats, the content may be blocked for safety reasons.",
      };
    default:
      return {
        title: error.status ? `The request failed (HTTP ${error.status})` : "The request failed",
        hint: "See the message below.",
      };
  }
}
