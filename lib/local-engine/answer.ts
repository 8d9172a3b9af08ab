import "server-only";
import { formatBytes } from "@/lib/media/bytes";
import { sampleFromSchema } from "@/lib/request/json-schema-sample";
import { describeAttachments, type Attachment } from "./input";
import { countCharacters, countWords, firstWords } from "./tokens";
import type { TurnContext } from "./turn";

/**
 * The answer text: a short, realistic markdown reply that quotes and counts what the engine was given.
 * A pure function of the turn (input, instructions, model, earlier turns): the same request always gets the
 * same bytes, while ids and timestamps differ.
 */

/** The blockquote keeps up to this many words, so a long prompt gives a long (a few seconds) stream. */
export const QUOTE_MAX_WORDS = 200;
const INLINE_QUOTE_WORDS = 12;
const INSTRUCTIONS_QUOTE_WORDS = 30;
const EARLIER_TURNS_SHOWN = 3;

export function composeAnswer(turn: TurnContext): string {
  const format = turn.request.text?.format;
  if (format?.type === "json_schema") return jsonSchemaAnswer(turn, (format as { schema?: unknown }).schema);
  if (format?.type === "json_object") return jsonObjectAnswer(turn);
  const blocks: string[] = [];
  const text = turn.userText;

  blocks.push("### Echo from the local engine");

  if (text === null || text.trim() === "") {
    blocks.push(
      text === null
        ? "Your input had no text for me to quote, so here is what I can tell about it:"
        : "Your message was empty, so here is what I can tell about the request:",
    );
  } else {
    const quoted = firstWords(text.trim(), QUOTE_MAX_WORDS);
    const words = countWords(text);
    const intro = !quoted.truncated
      ? "Here is what you wrote:"
      : words > QUOTE_MAX_WORDS
        ? `You wrote ${plural(words, "word")}; here are the first ${QUOTE_MAX_WORDS}:`
        : `You wrote ${plural(words, "word")}; here is how it begins:`;
    blocks.push(intro, blockquote(quoted.truncated ? `${quoted.text} …` : quoted.text));
  }

  const words = text === null ? 0 : countWords(text);
  const chars = text === null ? 0 : countCharacters(text);
  const bullets = [
    `- **Words:** ${words}`,
    `- **Characters:** ${chars}`,
    `- **Input:** ${describeInput(turn)}`,
    turn.instructions === null || turn.instructions.trim() === ""
      ? "- **Instructions:** none"
      : `- **Instructions:** «${inline(turn.instructions, INSTRUCTIONS_QUOTE_WORDS)}»`,
    `- **Model:** \`${turn.model.replace(/`/g, "")}\` (answered by the built-in local engine)`,
  ];
  blocks.push(bullets.join("\n"));

  const attachments = describeAttachments(turn.items);
  if (attachments.length > 0) blocks.push(describeAttachmentList(attachments));

  if (turn.history.length > 0) blocks.push(continuationLine(turn));

  blocks.push(
    "I follow fixed rules: with no tools I read your request, count it and quote it back, so the same request always " +
      "gets exactly this answer. That makes me handy for demos, classrooms and tests; add an API key to talk to a real model.",
  );

  return blocks.join("\n\n");
}

function continuationLine(turn: TurnContext): string {
  const turnNumber = turn.history.length + 1;
  const said = turn.history
    .map((h) => h.userText)
    .filter((t): t is string => t !== null && t.trim() !== "")
    .slice(-EARLIER_TURNS_SHOWN)
    .map((t) => `«${inline(t, INLINE_QUOTE_WORDS)}»`);
  const head = `This is turn ${turnNumber} of our conversation`;
  if (said.length === 0) return `${head}; the earlier turns had no text to quote.`;
  const older = turn.history.filter((h) => h.userText !== null && h.userText.trim() !== "").length - said.length;
  const more = older > 0 ? ` (and ${plural(older, "earlier message")} before that)` : "";
  return `${head}; earlier you said: ${joinList(said)}${more}.`;
}

function describeInput(turn: TurnContext): string {
  const { stats } = turn;
  const pieces: string[] = [];
  const roles = describeCounts(stats.messagesByRole, {});
  pieces.push(stats.messages === 0 ? "no messages" : `${plural(stats.messages, "message")} (${roles})`);
  if (stats.parts > 0) {
    const parts = describeCounts(stats.partsByType, { input_text: "text", output_text: "text", input_image: "image", input_file: "file" });
    pieces.push(`${plural(stats.parts, "content part")} (${parts})`);
  }
  const others = Object.entries(stats.otherItemsByType);
  if (others.length > 0) {
    const total = others.reduce((n, [, c]) => n + c, 0);
    pieces.push(`${plural(total, "other item")} (${others.map(([t, c]) => `${c} \`${t}\``).join(", ")})`);
  }
  return pieces.join(", ");
}

/** "2 user, 1 system"; labels rename keys, equal labels are merged. */
function describeCounts(counts: Record<string, number>, labels: Record<string, string>): string {
  const merged = new Map<string, number>();
  for (const [key, count] of Object.entries(counts)) {
    if (count === 0) continue;
    const label = labels[key] ?? key;
    merged.set(label, (merged.get(label) ?? 0) + count);
  }
  return [...merged].map(([label, count]) => `${count} ${label}`).join(", ");
}

function blockquote(text: string): string {
  return text
    .split(/\r\n|\r|\n/)
    .map((line) => (line.trim() === "" ? ">" : `> ${line}`))
    .join("\n");
}

/** One line, at most `maxWords` words, for «inline quotes». */
function inline(text: string, maxWords: number): string {
  // Cut first, then flatten: the same words as flattening the whole text, without copying a huge one.
  const cut = firstWords(text.trimStart(), maxWords);
  const flat = cut.text.replace(/\s+/g, " ").trim();
  return cut.truncated ? `${flat}…` : flat;
}

function joinList(items: string[]): string {
  if (items.length <= 1) return items.join("");
  return `${items.slice(0, -1).join(", ")} and ${items[items.length - 1]}`;
}

function plural(n: number, noun: string): string {
  return `${n} ${noun}${n === 1 ? "" : "s"}`;
}

/** Structured Outputs: JSON that validates against the schema, built from the input (json-schema-sample.ts). */
function jsonSchemaAnswer(turn: TurnContext, schema: unknown): string {
  const text = turn.userText ?? "";
  return JSON.stringify(sampleFromSchema(schema, { text: firstWords(text.trim(), 40).text, number: countWords(text) }));
}

/** JSON mode: an object that reflects the input. */
function jsonObjectAnswer(turn: TurnContext): string {
  const text = turn.userText ?? "";
  return JSON.stringify({
    input: firstWords(text.trim(), QUOTE_MAX_WORDS).text,
    words: countWords(text),
    characters: countCharacters(text),
    messages: turn.stats.messages,
    attachments: describeAttachments(turn.items).length,
    instructions: turn.instructions,
    model: turn.model,
    engine: "local",
  });
}

/** One line per image or file: what the bytes say (type, pixel size, name, size, opening text). */
function describeAttachmentList(attachments: Attachment[]): string {
  let images = 0;
  let files = 0;
  const lines = attachments.map((a) => {
    if (a.kind === "image") {
      images += 1;
      const head = `- **Image ${images}:**`;
      if (a.source === "url") {
        return `${head} ${a.url.startsWith("http") ? `<${a.url}>` : `\`${a.url.slice(0, 80)}\``}, a link: I do not download it, so I cannot tell its type or size.`;
      }
      const from = a.source === "file" ? `uploaded file \`${a.fileId}\`` : "data URL";
      if (a.format === null) return `${head} not a PNG, JPEG, WEBP or GIF I can read (${formatBytes(a.bytes)}, ${from}).`;
      const pixels = a.width !== null && a.height !== null ? `, ${a.width} × ${a.height} pixels` : "";
      return `${head} ${a.format}${pixels}, ${formatBytes(a.bytes)} (${from}).`;
    }
    files += 1;
    const head = `- **File ${files}:**`;
    if (a.source === "url") {
      return `${head} ${a.url.startsWith("http") ? `<${a.url}>` : "a link"}${a.filename ? ` (\`${a.filename}\`)` : ""}: I do not download links, so I cannot read it.`;
    }
    const name = `\`${a.filename.replace(/`/g, "")}\``;
    const size = `${a.bytes.toLocaleString("en-US")} bytes`;
    if (a.pdf) return `${head} ${name}, a PDF document of ${size}.`;
    if (a.opening === null) return `${head} ${name}, ${size} of binary data.`;
    if (a.opening === "") return `${head} ${name}, ${size}, empty.`;
    return `${head} ${name}, ${size}, beginning: «${a.opening.replace(/[«»]/g, "")}»`;
  });
  return [`${plural(attachments.length, "attachment")}, read from their bytes:`, ...lines].join("\n");
}
