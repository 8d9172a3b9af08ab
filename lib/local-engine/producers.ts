import "server-only";
import { composeAnswer } from "./answer";
import { newId } from "./ids";
import { messageScript, type ItemScript } from "./scripts";
import type { TurnContext } from "./turn";

/**
 * Item producers decide WHAT the response contains; scripts decide HOW each item streams. The plan is the
 * concatenation of every producer's scripts, in this order, which is the order of `response.output`.
 * Later features slot in here: a reasoning producer before the answer, tool-call producers that replace the
 * answer when a tool is due, a refusal or failure producer triggered by the input.
 */
export type ItemProducer = (turn: TurnContext) => ItemScript[];

/** The assistant's text answer (answer.ts). */
const answerProducer: ItemProducer = (turn) => [messageScript(newId("msg"), composeAnswer(turn))];

export const ITEM_PRODUCERS: readonly ItemProducer[] = [answerProducer];

export function planOutput(turn: TurnContext): ItemScript[] {
  return ITEM_PRODUCERS.flatMap((produce) => produce(turn));
}
