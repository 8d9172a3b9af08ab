import "server-only";
import { ApiError } from "@/lib/api-error";
import { attachmentCount, inputStats, instructionsText, itemTexts, lastUserText, type InputStats, type StoredItem } from "./input";
import type { CreateResponseRequest } from "./schema";
import { getStoredResponse } from "./state";
import { assertCallsAnswered } from "./function-calls";
import { countTokens, prepareTextCounts } from "./tokens";
import { assertNotRateLimited } from "./triggers";
import type { JsonObject, OutputItem } from "./types";

/**
 * One turn of a conversation, as the answer and the item producers see it: this request's input, its
 * instructions, and the earlier turns reached through `previous_response_id`.
 */

export interface HistoryTurn {
  responseId: string;
  items: StoredItem[];
  output: OutputItem[];
  userText: string | null;
}

export interface TurnContext {
  request: CreateResponseRequest;
  model: string;
  instructions: string | null;
  /** This turn's input items (stored form, with ids). */
  items: StoredItem[];
  stats: InputStats;
  /** The text of the last user message of this turn (what the answer quotes). */
  userText: string | null;
  /** Earlier turns, oldest first. */
  history: HistoryTurn[];
  /** See README: tokens of every text in the context, plus a flat cost per image or file. */
  inputTokens: number;
}

/** Flat input-token cost of one image or file part (the engine never reads them). */
export const ATTACHMENT_TOKENS = 85;

/**
 * Counts this request's large texts ahead, yielding to the event loop between slices (tokens.ts), so `buildTurn` and
 * the answer only look the counts up: one huge input never holds the server for long at a time.
 */
export async function prepareTurnTexts(request: CreateResponseRequest, items: readonly StoredItem[]): Promise<void> {
  const texts: Array<string | null> = [instructionsText(request.instructions), lastUserText(items)];
  for (const item of items) texts.push(...itemTexts(item));
  await prepareTextCounts(texts);
}

export function buildTurn(request: CreateResponseRequest, items: StoredItem[]): TurnContext {
  const userText = lastUserText(items);
  // `[429]` is refused first, as a rate limiter in front of the API would.
  assertNotRateLimited(userText);
  const history = collectHistory(request.previous_response_id ?? null);
  const instructions = instructionsText(request.instructions);
  const inputTokens = contextInputTokens(instructions, history, items);
  const turn: TurnContext = {
    request,
    model: request.model,
    instructions,
    items,
    stats: inputStats(items),
    userText,
    history,
    inputTokens,
  };
  assertCallsAnswered(turn);
  return turn;
}

/**
 * THE input-token count: instructions, the earlier turns' items and outputs, this turn's items, and a flat cost per
 * image or file. `usage.input_tokens` and `POST /responses/input_tokens` both use it, so they always agree.
 */
export function contextInputTokens(instructions: string | null, history: readonly HistoryTurn[], items: readonly StoredItem[]): number {
  let inputTokens = instructions === null ? 0 : countTokens(instructions);
  const contextItems: JsonObject[] = [...history.flatMap((h) => [...h.items, ...(h.output as unknown as JsonObject[])]), ...items];
  for (const item of contextItems) {
    for (const text of itemTexts(item)) inputTokens += countTokens(text);
    inputTokens += attachmentCount(item) * ATTACHMENT_TOKENS;
  }
  return inputTokens;
}

/** What the user asked: this turn's last user message, else the latest earlier one (a turn of tool outputs only). */
export function questionText(turn: TurnContext): string | null {
  if (turn.userText !== null && turn.userText.trim() !== "") return turn.userText;
  for (let i = turn.history.length - 1; i >= 0; i--) {
    const text = turn.history[i]!.userText;
    if (text !== null && text.trim() !== "") return text;
  }
  return null;
}

/**
 * Walks `previous_response_id` back to the first turn. The named response must be stored (else 400
 * `previous_response_not_found`, as OpenAI answers); an older link that has since been deleted ends the chain.
 */
export function collectHistory(previousResponseId: string | null): HistoryTurn[] {
  if (previousResponseId === null) return [];
  const turns: HistoryTurn[] = [];
  const seen = new Set<string>();
  let id: string | null = previousResponseId;
  while (id !== null && !seen.has(id)) {
    seen.add(id);
    const stored = getStoredResponse(id);
    if (!stored) {
      if (turns.length === 0) {
        throw new ApiError(400, `Previous response with id '${id}' not found.`, {
          type: "invalid_request_error",
          param: "previous_response_id",
          code: "previous_response_not_found",
        });
      }
      break;
    }
    turns.push({
      responseId: id,
      items: stored.inputItems,
      output: stored.response.output as OutputItem[],
      userText: lastUserText(stored.inputItems),
    });
    id = stored.previousResponseId;
  }
  return turns.reverse();
}
