import { describe, expect, it } from "vitest";
import { splitIntoTokens, countWords, countCharacters, firstWords } from "@/lib/local-engine/tokens";
import { createJson, deltas, outputText, streamEvents } from "./helpers";

describe("determinism", () => {
  it("gives byte-identical text for the same input, streamed or not (ids and timestamps differ)", async () => {
    const body = {
      model: "local-echo-1",
      instructions: "Reply in English.",
      input: [{ role: "user", content: [{ type: "input_text", text: "Explain SSE in one line." }] }],
    };
    const a = await createJson(body);
    const b = await createJson(body);
    const { events } = await streamEvents(body);
    expect(a.body.id).not.toBe(b.body.id);
    expect(a.body.output[0].id).not.toBe(b.body.output[0].id);
    expect(outputText(a.body)).toBe(outputText(b.body));
    expect(deltas(events)).toBe(outputText(a.body));
    expect(a.body.usage).toEqual(b.body.usage);
  });

  it("gives a different answer for a different input", async () => {
    const a = await createJson({ model: "local-echo-1", input: "one" });
    const b = await createJson({ model: "local-echo-1", input: "two" });
    expect(outputText(a.body)).not.toBe(outputText(b.body));
  });
});

describe("the answer quotes and counts its input", () => {
  it("is realistic markdown of 60–150 words for a normal prompt", async () => {
    const { body } = await createJson({ model: "local-echo-1", input: "What is the capital of France, and why?" });
    const text = outputText(body);
    expect(text).toMatch(/^### /);
    expect(text).toContain("> What is the capital of France, and why?");
    expect(text).toContain("- **Words:** 8");
    expect(text).toContain("- **Characters:** 39");
    expect(text).toContain("- **Input:** 1 message (1 user), 1 content part (1 text)");
    expect(text).toContain("- **Instructions:** none");
    expect(text).toContain("`local-echo-1`");
    const words = countWords(text);
    expect(words).toBeGreaterThanOrEqual(60);
    expect(words).toBeLessThanOrEqual(150);
  });

  it("quotes the instructions it received", async () => {
    const { body } = await createJson({ model: "local-echo-1", input: "hi", instructions: "You are a patient tutor." });
    expect(body.instructions).toBe("You are a patient tutor.");
    expect(outputText(body)).toContain("- **Instructions:** «You are a patient tutor.»");
  });

  it("quotes the last user message and counts every message, part and other item", async () => {
    const { body } = await createJson({
      model: "local-echo-1",
      input: [
        { role: "system", content: "system words" },
        { role: "user", content: "first question" },
        { role: "assistant", content: "first answer" },
        { type: "function_call", call_id: "call_9", name: "lookup", arguments: "{}" },
        { type: "function_call_output", call_id: "call_9", output: "{}" },
        {
          role: "user",
          content: [
            { type: "input_text", text: "look at this" },
            { type: "input_image", image_url: "https://example.com/cat.png", detail: "low" },
            { type: "input_file", file_url: "https://example.com/report.pdf" },
          ],
        },
      ],
    });
    const text = outputText(body);
    expect(text).toContain("> look at this");
    expect(text).not.toContain("> first question");
    expect(text).toContain("4 messages (1 system, 2 user, 1 assistant)");
    expect(text).toContain("6 content parts (4 text, 1 image, 1 file)");
    expect(text).toContain("2 other items (1 `function_call`, 1 `function_call_output`)");
    expect(text).toContain("2 attachments, read from their bytes:");
    expect(text).toContain("- **Image 1:** <https://example.com/cat.png>, a link: I do not download it");
    expect(text).toContain("- **File 1:** <https://example.com/report.pdf>: I do not download links");
  });

  it("keeps the user's line breaks inside the blockquote", async () => {
    const { body } = await createJson({ model: "local-echo-1", input: "line one\n\nline two" });
    expect(outputText(body)).toContain("> line one\n>\n> line two");
  });

  it("quotes at most 200 words of a long prompt, so a long prompt streams longer", async () => {
    const long = Array.from({ length: 500 }, (_, i) => `word${i}`).join(" ");
    const short = await streamEvents({ model: "local-echo-1", input: "short prompt" });
    const { events } = await streamEvents({ model: "local-echo-1", input: long });
    const text = deltas(events);
    expect(text).toContain("You wrote 500 words; here are the first 200:");
    expect(text).toContain("word199 …");
    expect(text).not.toContain("word200");
    const count = (evs: typeof events) => evs.filter((e) => e.data.type === "response.output_text.delta").length;
    expect(count(events)).toBeGreaterThan(count(short.events) + 150);
  });

  it("says so when the input has no text", async () => {
    const { body } = await createJson({ model: "local-echo-1", input: [{ type: "function_call_output", call_id: "c", output: "1" }] });
    expect(outputText(body)).toContain("Your input had no text for me to quote");
    const empty = await createJson({ model: "local-echo-1", input: "" });
    expect(outputText(empty.body)).toContain("Your message was empty");
  });
});

describe("tokens", () => {
  it("splits into word-sized pieces that join back to the exact text", () => {
    const samples = ["Hello world", "  lead and trail  ", "a\n\nb\tc", "你好，世界! mixed 中文 text", "x".repeat(40), "", "emoji 🎉 ok"];
    for (const text of samples) expect(splitIntoTokens(text).join("")).toBe(text);
    expect(splitIntoTokens("Hello world")).toEqual(["Hello", " world"]);
    expect(splitIntoTokens("你好")).toEqual(["你", "好"]);
    expect(splitIntoTokens("x".repeat(40))).toEqual(["x".repeat(16), "x".repeat(16), "x".repeat(8)]);
  });

  it("counts words (CJK characters count one each) and code-point characters", () => {
    expect(countWords("Hello, big world")).toBe(3);
    expect(countWords("看这个 ok")).toBe(4);
    expect(countCharacters("🎉ab")).toBe(3);
    expect(firstWords("a b c d", 2)).toEqual({ text: "a b", truncated: true });
    expect(firstWords("a b", 2)).toEqual({ text: "a b", truncated: false });
  });
});
