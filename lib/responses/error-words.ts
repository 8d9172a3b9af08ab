import type { RunError } from "./run-state";

/**
 * Plain words for an error, following the seed documents' error table (000/003): 401 the API key is missing or
 * invalid; 403 the key has no permission for the resource or the balance is used up; 429 the rate limit is
 * exceeded; 500 an internal server error; 503 content blocked for safety reasons (the seed notes OpenAI's own status
 * for that is 400). `title` is the one-line headline; `hint` says what to do next. The API's own message, code and
 * param are shown beside it, never replaced.
 */
export interface ErrorWords {
  title: string;
  hint: string;
}

const BLOCKED_CODES = new Set([
  "content_policy_violation",
  "content_filter",
  "image_content_policy_violation",
  "bio_policy",
  "invalid_prompt",
]);

function retryHint(error: RunError): string {
  return error.retryAfterSeconds != null
    ? ` The server asks to wait ${error.retryAfterSeconds} s (retry-after) before trying again.`
    : " Wait a little before trying again.";
}

export function errorWords(error: RunError): ErrorWords {
  if (error.source === "network") {
    return {
      title: "The playground server could not be reached",
      hint: "Check that the app is still running, then try again. The output that arrived is kept.",
    };
  }
  if (error.source === "parse") {
    return { title: "The stream could not be read", hint: "The upstream sent data that is not a valid event. The output so far is kept." };
  }
  // Faults the playground's proxy reports itself (lib/upstream/forward.ts).
  if (error.code === "upstream_html_response" && (error.status === undefined || error.status === 502)) {
    return {
      title: "The upstream answered with an HTML page, not an API response",
      hint: "A login page, a proxy's error page or a wrong base URL answered instead of the API. Check the base URL (it should end in /v1).",
    };
  }
  if (error.code === "upstream_bad_content_type" && (error.status === undefined || error.status === 502)) {
    return {
      title: "The upstream's answer is not an API response",
      hint: "It came with an unexpected content type. Check the base URL (it should end in /v1).",
    };
  }
  if (error.code === "upstream_idle_timeout") {
    return {
      title: "The upstream went silent in the middle of the answer",
      hint: "The playground stopped waiting. The output that arrived before it is kept below; try again.",
    };
  }
  if (error.code === "upstream_stream_broken") {
    return {
      title: "The connection to the upstream broke in the middle of the answer",
      hint: "The output that arrived before it is kept below; try again.",
    };
  }
  if (error.code === "upstream_host_forbidden") {
    return {
      title: "That base URL points at an internal address",
      hint: "The playground does not reach loopback, private or metadata addresses unless the operator allows it.",
    };
  }
  if (error.code === "access_token_required" || error.code === "access_token_not_configured") {
    return { title: "This playground needs its access token (401)", hint: "Sign in at /login, or use your own API key in Settings." };
  }
  if (error.source === "event" || error.source === "response") {
    const where = error.source === "event" ? "sent an error event in the middle of the stream" : "failed the response (response.failed)";
    switch (error.code) {
      case "rate_limit_exceeded":
        return {
          title: "Rate limit reached during the answer",
          hint: `The server ${where}. The output that arrived before it is kept below.${retryHint(error)}`,
        };
      case "server_error":
        return {
          title: "The model stopped with a server error",
          hint: `The server ${where}; not your fault. The output that arrived before it is kept below. Try again.`,
        };
      case "vector_store_timeout":
        return { title: "File search timed out", hint: "The vector store did not answer in time. The output so far is kept; try again." };
      default:
        if (error.code && BLOCKED_CODES.has(error.code)) {
          return {
            title: "The content was blocked for safety reasons",
            hint: `The server ${where}. Rephrase the input. The output so far is kept.`,
          };
        }
        return { title: "The model stopped with an error", hint: `The server ${where}. The output that arrived before it is kept below.` };
    }
  }
  if (error.code && BLOCKED_CODES.has(error.code)) {
    return {
      title: `The content was blocked for safety reasons (${error.status ?? 400})`,
      hint: "A content policy refused the input or the output. Rephrase it; retrying the same request will fail again.",
    };
  }
  switch (error.status) {
    case 400:
      if (error.code === "previous_response_not_found") {
        return {
          title: "The previous response was not found (400)",
          hint: "previous_response_id names a response the server does not keep: it was sent with store: false, deleted, or expired. Replay the whole input instead.",
        };
      }
      return {
        title: "The request was rejected (400 Bad Request)",
        hint: error.param
          ? `Fix the parameter \`${error.param}\` and run again.`
          : "Something in the request is not valid; the message says what.",
      };
    case 401:
      return {
        title: "The API key is missing or invalid (401 Unauthorized)",
        hint: "Set a valid key in the server's OPENAI_API_KEY, or send your own as a Bearer token.",
      };
    case 403:
      return {
        title: "Not allowed (403 Forbidden)",
        hint: "The key has no permission for this model or resource, or the account balance is used up (or the region is not supported).",
      };
    case 404:
      return { title: "Not found (404)", hint: "The model, response id or path does not exist for this key." };
    case 413:
      return { title: "The request is too large (413)", hint: "Send smaller inputs (images and files count)." };
    case 429:
      if (error.code === "insufficient_quota") {
        return { title: "Out of quota (429)", hint: "The account has no credit or quota left; add balance or use another key." };
      }
      return { title: "Too many requests (429 Rate limit)", hint: `You have exceeded the rate limit.${retryHint(error)}` };
    case 500:
      return { title: "The upstream had an internal error (500)", hint: "The server failed; not your fault. Try again in a moment." };
    case 502:
      return {
        title: "The upstream could not be reached (502)",
        hint: "The playground server could not connect to the API. Check the base URL and the network.",
      };
    case 503:
      return {
        title: "The content was blocked, or the service is overloaded (503)",
        hint: "Some gateways answer 503 when the content is blocked for safety reasons (OpenAI uses 400 for that): rephrase it. It can also mean the service is overloaded: retry later.",
      };
    case 504:
      return { title: "The upstream timed out (504)", hint: "The API took too long to answer. Try again, perhaps with stream: true." };
    default:
      return {
        title: error.status ? `The request failed (HTTP ${error.status})` : "The request failed",
        hint: "See the message below.",
      };
  }
}

/**
 * Why a response ended `incomplete` (`incomplete_details.reason`), as a clause for "Incomplete: … .". The spec names
 * `max_output_tokens` and `content_filter`; the 7.x SDK adds `steered` (the Realtime-style `response.steer` client
 * event) and `max_messages`. Unknown reasons are shown as their own words.
 */
export function incompleteReasonWords(reason: string | null | undefined): string {
  switch (reason) {
    case "max_output_tokens":
      return "it reached max_output_tokens";
    case "content_filter":
      return "a content filter stopped it";
    case "steered":
      return "it was steered: new input sent while it was running (response.steer) ended it so the model could continue from that input";
    case "max_messages":
      return "it reached the largest number of messages one response may produce";
    case null:
    case undefined:
    case "":
      return "the server gave no reason";
    default:
      return reason.replaceAll("_", " ");
  }
}
