import { describe, expect, it } from "vitest";
import { localEngineFetch } from "@/lib/local-engine";
import { PRESETS, VECTOR_STORE_PLACEHOLDER, findPreset, preparePreset, presetBody } from "@/lib/presets";
import { BOARDWALK_PNG_DATA_URL } from "@/lib/presets/boardwalk-image";

const BASE = "http://local-engine/v1";

function engine(path: string, init: RequestInit = {}) {
  const headers = new Headers(init.headers);
  headers.set("x-local-engine-delay-ms", "0");
  return localEngineFetch(`${BASE}${path}`, { ...init, headers });
}

describe("presets", () => {
  it("one per seed example, each with a two-line explanation", () => {
    expect(PRESETS.map((p) => p.id)).toEqual([
      "text-generation",
      "image-analysis",
      "web-search",
      "file-search",
      "streaming",
      "function-calling",
      "reasoning",
    ]);
    for (const preset of PRESETS) {
      expect(preset.explanation).toHaveLength(2);
      for (const line of preset.explanation) {
        expect(line.length, preset.id).toBeGreaterThan(30);
        expect(line.length, preset.id).toBeLessThanOrEqual(125);
        expect(line).not.toContain("\n");
      }
      expect(typeof preset.body.model).toBe("string");
    }
    expect(findPreset("streaming")?.body.stream).toBe(true);
    expect(findPreset("reasoning")?.body.reasoning).toEqual({ effort: "high", summary: "auto" });
  });

  it("the image preset carries its bundled 64×48 PNG as a data URL (no network)", () => {
    const bytes = Buffer.from(BOARDWALK_PNG_DATA_URL.split(",")[1] ?? "", "base64");
    expect(bytes.subarray(1, 4).toString("ascii")).toBe("PNG");
    expect(bytes.readUInt32BE(16)).toBe(64);
    expect(bytes.readUInt32BE(20)).toBe(48);
    expect(JSON.stringify(findPreset("image-analysis")?.body)).toContain("data:image/png;base64,");
  });

  it("presetBody is a copy: editing it leaves the preset alone", () => {
    const preset = findPreset("function-calling");
    if (!preset) throw new Error("missing");
    const body = presetBody(preset);
    (body.tools as unknown[]).length = 0;
    expect((preset.body.tools as unknown[]).length).toBe(1);
  });

  for (const preset of PRESETS.filter((p) => !p.prepare)) {
    it(`${preset.id}: the local engine answers it (200, completed)`, async () => {
      const res = await engine("/responses", {
        method: "POST",
        headers: { "content-type": "application/json" },
        body: JSON.stringify(preset.body),
      });
      const text = await res.text();
      expect(res.status, text.slice(0, 300)).toBe(200);
      if (preset.body.stream === true) {
        expect(text).toContain("event: response.completed");
      } else {
        expect((JSON.parse(text) as { status: string }).status).toBe("completed");
      }
    });
  }

  it("file-search: prepare uploads dragons.txt into a vector store, then the engine answers", async () => {
    const preset = findPreset("file-search");
    if (!preset) throw new Error("missing");
    const prepared = await preparePreset(preset, {
      baseUrl: BASE,
      fetch: localEngineFetch as typeof fetch,
      headers: { "x-local-engine-delay-ms": "0" },
    });
    expect(prepared.fileIds).toHaveLength(1);
    expect(JSON.stringify(prepared.body)).not.toContain(VECTOR_STORE_PLACEHOLDER);
    const res = await engine("/responses", {
      method: "POST",
      headers: { "content-type": "application/json" },
      body: JSON.stringify(prepared.body),
    });
    expect(res.status, await res.clone().text()).toBe(200);
  });

  it("file-search: the preset holds its file and a placeholder that prepare replaces", () => {
    const preset = findPreset("file-search");
    expect(preset?.prepare?.files[0]?.filename).toBe("dragons.txt");
    expect(preset?.prepare?.files[0]?.content).toContain("ancient brown dragon");
    expect(JSON.stringify(preset?.body)).toContain(VECTOR_STORE_PLACEHOLDER);
  });
});
