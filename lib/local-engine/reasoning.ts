import "server-only";
import { isReasoningModelName } from "./models";
import type { ReasoningPlan } from "./scripts";
import { countWords, firstWords } from "./tokens";
import type { TurnContext } from "./turn";

/**
 * Reasoning, by rule: any model reasons when `reasoning.summary` is set, `local-reasoner-1` always reasons
 * (effort `medium` unless given), and a model the API names as a reasoning model (o-series, `gpt-5*` and newer:
 * `isReasoningModelName`) reasons when given only `reasoning.effort` (Chat: `reasoning_effort`), as the API does;
 * effort `none` turns it off. Hidden reasoning tokens depend on the effort; the
 * summary (only when `reasoning.summary` is set) explains what the engine is about to do, in 1 (`concise`),
 * 2 (`auto`) or 3 (`detailed`) paragraphs, each streamed as a summary part.
 */

export const REASONING_MODEL = "local-reasoner-1";

export const HIDDEN_TOKENS_BY_EFFORT: Readonly<Record<string, number>> = {
  minimal: 8,
  low: 16,
  medium: 32,
  high: 64,
  xhigh: 128,
};

export function reasoningPlan(turn: TurnContext, intent: string): ReasoningPlan | null {
  const reasoning = turn.request.reasoning ?? null;
  const summary = reasoning?.summary ?? null;
  const effort = reasoning?.effort ?? "medium";
  if (effort === "none") return null;
  const effortOnReasoningModel = reasoning?.effort != null && isReasoningModelName(turn.model);
  if (summary === null && turn.model !== REASONING_MODEL && !effortOnReasoningModel) return null;

  const paragraphs: string[] = [];
  if (summary !== null) {
    const reading = readingParagraph(turn);
    const planning = `**Planning the answer**\n\n${intent}`;
    const checking =
      "**Checking**\n\nThe local engine is deterministic: the same request always gets this same reasoning and answer, so the result can be predicted and tested.";
    if (summary === "concise") paragraphs.push(planning);
    else if (summary === "detailed") paragraphs.push(reading, planning, checking);
    else paragraphs.push(reading, planning);
  }
  const wantsEncrypted = Array.isArray(turn.request.include) && turn.request.include.includes("reasoning.encrypted_content");
  return {
    summary: paragraphs,
    hiddenTokens: HIDDEN_TOKENS_BY_EFFORT[effort] ?? HIDDEN_TOKENS_BY_EFFORT.medium!,
    encryptedContent: wantsEncrypted
      ? Buffer.from(JSON.stringify({ engine: "local", effort, summary: paragraphs })).toString("base64")
      : null,
  };
}

function readingParagraph(turn: TurnContext): string {
  const text = turn.userText?.trim() ?? "";
  const tools = (Array.isArray(turn.request.tools) ? turn.request.tools : []).map((t) =>
    t.type === "function" && typeof t.name === "string" ? `\`${t.name}\`` : `\`${t.type}\``,
  );
  const said =
    text === ""
      ? "This turn has no new user message."
      : `The last user message has ${countWords(text)} word${countWords(text) === 1 ? "" : "s"}: «${quote(text)}».`;
  const toolLine = tools.length === 0 ? "No tools were given." : `Tools available: ${tools.join(", ")}.`;
  return `**Reading the request**\n\n${said} ${toolLine}`;
}

function quote(text: string): string {
  // Cut first, then flatten: the same words as flattening the whole text, without copying a huge one.
  const cut = firstWords(text, 14);
  const flat = cut.text.replace(/\s+/g, " ");
  return cut.truncated ? `${flat.trimEnd()}…` : flat;
}
