import "server-only";
import { composeAnswer } from "./answer";
import { composeToolAnswer, planFunctionCalls, toolResults } from "./function-calls";
import { newId } from "./ids";
import { reasoningPlan } from "./reasoning";
import {
  fileSearchCallScript,
  functionCallScript,
  interruptAfter,
  messageScript,
  reasoningScript,
  refusalScript,
  ResponseFailure,
  StreamCut,
  StreamError,
  webSearchCallScript,
  type ItemScript,
} from "./scripts";
import { composeCitedAnswer, fileSearchTool, planFileSearch, planWebSearch, webSearchTool } from "./search-answers";
import { DELTAS_BEFORE_FAILURE, readTriggers, stripTriggers, XSS_ANSWER, xssAnnotations } from "./triggers";
import { questionText, type TurnContext } from "./turn";

/**
 * Producers decide WHAT a response contains; scripts (scripts.ts) decide HOW each item streams. The plan, in the
 * order of `response.output` (README: "Local engine rules"):
 *
 * 1. a `reasoning` item, when reasoning applies (reasoning.ts);
 * 2. then exactly one of:
 *    - `[refuse]` in the message → a refusal;
 *    - outputs of earlier function calls arrived → an answer that uses them;
 *    - a function tool is due (function-calls.ts) → one `function_call` per function, and nothing else;
 *    - `file_search` and/or `web_search` tools → their calls, then an answer citing what they found;
 *    - otherwise → the echo answer (answer.ts);
 *    (`[xss]` → hostile markdown with hostile citations, before any of these but after `[refuse]`);
 * 3. `[fail]` / `[error-event]` / `[cut]` interrupt the answer after a few deltas.
 *
 * Planning happens before the first event, so an invalid tool (an unknown vector store) is a 400, not a failed stream.
 */
export type ItemProducer = (turn: TurnContext) => ItemScript[];

export const REFUSAL_TEXT =
  "I'm sorry, but I can't help with that. (The local engine refuses on purpose because your message contains [refuse].)";

interface Plan {
  /** What the reasoning summary says the engine will do. */
  intent: string;
  /** Tool calls before the answer. */
  calls: ItemScript[];
  /** The answer (a message or a refusal), if any. */
  answer: ItemScript | null;
}

function planItems(turn: TurnContext): Plan {
  const triggers = readTriggers(turn.userText);
  if (triggers.refuse) {
    return {
      intent: "The message contains [refuse], so I will decline to answer.",
      calls: [],
      answer: refusalScript(newId("msg"), REFUSAL_TEXT),
    };
  }
  if (triggers.xss) {
    return {
      intent: "The message contains [xss], so I will answer with hostile markdown and hostile citations.",
      calls: [],
      answer: messageScript(newId("msg"), XSS_ANSWER, { annotations: xssAnnotations(XSS_ANSWER) }),
    };
  }
  const text = stripTriggers(turn.userText ?? "");

  const results = toolResults(turn);
  if (results.length > 0) {
    const names = [...new Set(results.map((r) => `\`${r.name}\``))].join(" and ");
    return {
      intent: `The outputs of ${names} arrived, so I will answer from them and show what each returned.`,
      calls: [],
      answer: messageScript(newId("msg"), composeToolAnswer(results, questionText(turn))),
    };
  }

  const planned = planFunctionCalls(turn, text);
  if (planned.length > 0) {
    const described = planned.map((c) => `\`${c.tool.name}\` with ${c.arguments}`).join(" and ");
    return {
      intent: `The message asks for ${planned.length === 1 ? "a function" : "functions"} I was given, so I will call ${described}, then wait for the output.`,
      calls: planned.map((c) => functionCallScript(newId("fc"), newId("call", 12), c.tool.name, c.arguments)),
      answer: null,
    };
  }

  const fileTool = fileSearchTool(turn);
  const webTool = webSearchTool(turn);
  if (fileTool || webTool) {
    const toolIndex = (turn.request.tools ?? []).findIndex((t) => t === fileTool);
    const file = fileTool ? planFileSearch(turn, fileTool, text, toolIndex) : null;
    const web = webTool ? planWebSearch(turn, webTool, text) : null;
    const calls: ItemScript[] = [];
    if (file) calls.push(fileSearchCallScript(newId("fs"), [file.query], file.results, file.retrievedTokens));
    if (web) calls.push(webSearchCallScript(newId("ws"), web.query, web.sources, web.retrievedTokens));
    const cited = composeCitedAnswer(web, file);
    const where = file && web ? "your files and the web" : file ? "your files" : "the web";
    return {
      intent: `I will search ${where} for «${file?.query ?? web?.query ?? ""}» and quote the best-ranked passages, citing each one.`,
      calls,
      answer: messageScript(newId("msg"), cited.text, { annotations: cited.annotations }),
    };
  }

  return {
    intent: "There is nothing to look up or call, so I will quote the message back and count its words and characters.",
    calls: [],
    answer: messageScript(newId("msg"), composeAnswer(turn)),
  };
}

export function planOutput(turn: TurnContext): ItemScript[] {
  const plan = planItems(turn);
  const scripts: ItemScript[] = [];
  const reasoning = reasoningPlan(turn, plan.intent);
  if (reasoning) scripts.push(reasoningScript(newId("rs"), reasoning));
  scripts.push(...plan.calls);

  const triggers = readTriggers(turn.userText);
  const failure = triggers.errorEvent
    ? new StreamError("server_error", "The local engine sent an error event on purpose: your message contains [error-event].")
    : triggers.fail
      ? new ResponseFailure("server_error", "The local engine failed on purpose: your message contains [fail].")
      : triggers.cut
        ? new StreamCut()
        : null;
  if (plan.answer) scripts.push(failure ? interruptAfter(plan.answer, DELTAS_BEFORE_FAILURE, failure) : plan.answer);
  else if (failure) {
    scripts.push(function* fail() {
      throw failure;
    });
  }
  return scripts;
}
