import { existsSync, readFileSync } from "node:fs";
import path from "node:path";
import { fileURLToPath } from "node:url";
import { describe, expect, it } from "vitest";
import { incompleteReasonWords } from "@/lib/responses/error-words";
import { KNOWN_EVENT_TYPE_LIST, type StreamEvent } from "@/lib/responses/events";
import { applyEvent } from "@/lib/responses/reducer";
import { initialRunState, type RunState } from "@/lib/responses/run-state";

/** Issue 16 item 9: every stream event of the 7.x SDK is folded by the reducer, not only recorded. */

const here = path.dirname(fileURLToPath(import.meta.url));
const UNIONS = ["../../../shared/reference/openai-7.60-unions.txt", "../../../../shared/reference/openai-7.60-unions.txt"]
  .map((p) => path.resolve(here, p))
  .find((p) => existsSync(p));

function fold(events: Array<Record<string, unknown>>): RunState {
  let state = initialRunState("connecting");
  events.forEach((e, i) => {
    state = applyEvent(state, { sequence_number: i, ...e } as StreamEvent, i, i);
  });
  return state;
}

describe("the 7.x SDK's stream events", () => {
  it.skipIf(!UNIONS)("the known list is exactly the 7.60 SDK's ResponseStreamEvent union", () => {
    const text = readFileSync(UNIONS!, "utf8");
    const section = text.split("## ResponseStreamEvent")[1]!.split("\n## ")[0]!;
    const types = [...section.matchAll(/^- (\S+)/gm)].map((m) => m[1]!);
    expect(types).toHaveLength(59);
    expect([...KNOWN_EVENT_TYPE_LIST].sort()).toEqual(types.sort());
  });

  it("response.compaction.compacting creates the compaction item, in progress", () => {
    const state = fold([{ type: "response.compaction.compacting", item_id: "cmp_1", output_index: 0 }]);
    expect(state.unknownEventCount).toBe(0);
    expect(state.items[0]?.item).toMatchObject({ id: "cmp_1", type: "compaction", status: "in_progress" });
  });

  it("shell commands stream into the shell_call by output_index and command_index", () => {
    const state = fold([
      {
        type: "response.output_item.added",
        output_index: 0,
        item: {
          id: "sh_1",
          type: "shell_call",
          call_id: "call_1",
          action: { commands: [], timeout_ms: null, max_output_length: null },
          status: "in_progress",
        },
      },
      { type: "response.shell_call_command.added", output_index: 0, command_index: 0, command: "" },
      { type: "response.shell_call_command.delta", output_index: 0, command_index: 0, delta: "ls " },
      { type: "response.shell_call_command.delta", output_index: 0, command_index: 0, delta: "-la" },
      { type: "response.shell_call_command.done", output_index: 0, command_index: 0, command: "ls -la" },
      { type: "response.shell_call_command.added", output_index: 0, command_index: 1, command: "pwd" },
    ]);
    expect(state.items).toHaveLength(1);
    expect(state.items[0]!.item).toMatchObject({ type: "shell_call", action: { commands: ["ls -la", "pwd"] } });
  });

  it("shell output streams stdout/stderr per command, and done brings the outcome", () => {
    const state = fold([
      {
        type: "response.shell_call_output_content.delta",
        item_id: "sho_1",
        output_index: 1,
        command_index: 0,
        delta: { stdout: "a.txt\n" },
      },
      {
        type: "response.shell_call_output_content.delta",
        item_id: "sho_1",
        output_index: 1,
        command_index: 0,
        delta: { stderr: "warn\n" },
      },
      {
        type: "response.shell_call_output_content.delta",
        item_id: "sho_1",
        output_index: 1,
        command_index: 0,
        delta: { stdout: "b.txt\n" },
      },
      {
        type: "response.shell_call_output_content.done",
        item_id: "sho_1",
        output_index: 1,
        command_index: 0,
        output: [{ stdout: "a.txt\nb.txt\n", stderr: "warn\n", outcome: { type: "exit", exit_code: 0 } }],
      },
    ]);
    expect(state.items[0]!.item).toMatchObject({
      id: "sho_1",
      type: "shell_call_output",
      output: [{ stdout: "a.txt\nb.txt\n", stderr: "warn\n", outcome: { type: "exit", exit_code: 0 } }],
    });
  });

  it("audio and its transcript are kept beside the items", () => {
    const state = fold([
      { type: "response.audio.delta", delta: "UklG" },
      { type: "response.audio.transcript.delta", delta: "Hel" },
      { type: "response.audio.delta", delta: "RiQA" },
      { type: "response.audio.transcript.delta", delta: "lo" },
      { type: "response.audio.done" },
      { type: "response.audio.transcript.done" },
    ]);
    expect(state.audio).toEqual({ data: "UklGRiQA", transcript: "Hello", done: true, transcriptDone: true });
    expect(state.unknownEventCount).toBe(0);
  });

  it("explains incomplete reasons in words, steered and max_messages included", () => {
    expect(incompleteReasonWords("steered")).toMatch(/steered: new input sent while it was running/);
    expect(incompleteReasonWords("max_messages")).toMatch(/largest number of messages/);
    expect(incompleteReasonWords("max_output_tokens")).toBe("it reached max_output_tokens");
    expect(incompleteReasonWords(null)).toBe("the server gave no reason");
    expect(incompleteReasonWords("some_new_reason")).toBe("some new reason");
  });
});
