import { describe, expect, it } from "vitest";
import { DEFAULT_BASE_URL, exportCode, toCurl, toHttp, toPython, toTypeScript } from "@/lib/export";
import { printLiteral } from "@/lib/export/literal";

const plain = { model: "gpt-4.1", input: "Hello" };
const fnTool = {
  model: "gpt-4.1",
  input: "Weather?",
  tools: [
    {
      type: "function",
      name: "get_current_weather",
      parameters: { type: "object", properties: { location: { type: "string" } } },
      strict: true,
    },
  ],
};

describe("code export shapes", () => {
  it("reads the key from the environment in every language, never from the request", () => {
    expect(toCurl(plain)).toContain('-H "Authorization: Bearer $OPENAI_API_KEY"');
    expect(toHttp(plain)).toContain("Authorization: Bearer $OPENAI_API_KEY");
    expect(toPython(plain)).toContain('api_key=os.environ["OPENAI_API_KEY"]');
    expect(toTypeScript(plain)).toContain("apiKey: process.env.OPENAI_API_KEY");
  });

  it("uses the default endpoint, or the custom base URL when one is set", () => {
    expect(toCurl(plain)).toContain(`curl ${DEFAULT_BASE_URL}/responses`);
    expect(toPython(plain)).not.toContain("base_url");
    expect(toTypeScript(plain)).not.toContain("baseURL");
    expect(toPython(plain, { baseUrl: DEFAULT_BASE_URL + "/" })).not.toContain("base_url");
    const base = "https://gateway.example.com/openai/v1/";
    expect(toCurl(plain, { baseUrl: base })).toContain("curl https://gateway.example.com/openai/v1/responses");
    expect(toPython(plain, { baseUrl: base })).toContain('base_url="https://gateway.example.com/openai/v1"');
    expect(toTypeScript(plain, { baseUrl: base })).toContain('baseURL: "https://gateway.example.com/openai/v1"');
    expect(toHttp(plain, { baseUrl: base })).toMatch(/^POST \/openai\/v1\/responses HTTP\/1\.1\nHost: gateway\.example\.com\n/);
  });

  it("streams when stream is on", () => {
    const body = { ...plain, stream: true };
    expect(toCurl(body)).toContain("curl -N ");
    expect(toHttp(body)).toContain("Accept: text/event-stream");
    expect(toPython(body)).toContain("for event in stream:");
    expect(toPython(body)).toContain('print(event.delta, end="", flush=True)');
    expect(toTypeScript(body)).toContain("for await (const event of stream)");
    expect(toTypeScript(plain)).toContain("console.log(response.output_text);");
  });

  it("adds a function-call round trip with a stub per function when function tools are present", () => {
    const py = toPython(fnTool);
    expect(py).toContain('if name == "get_current_weather":');
    expect(py).toContain('"type": "function_call_output"');
    expect(py).toContain('"previous_response_id": response.id');
    const ts = toTypeScript(fnTool);
    expect(ts).toContain('case "get_current_weather":');
    expect(ts).toContain("args.location");
    expect(ts).toContain("previous_response_id: response.id");
    expect(toCurl(fnTool)).toContain('# If the answer has "function_call" items (get_current_weather)');
    expect(toHttp(fnTool)).toContain('"type": "function_call_output"');
    // With a conversation, context travels with it: no previous_response_id.
    expect(toTypeScript({ ...fnTool, conversation: "conv_1" })).not.toContain("previous_response_id");
    // Hosted tools alone get no skeleton.
    expect(toPython({ ...plain, tools: [{ type: "web_search_preview" }] })).not.toContain("call_function");
  });

  it("curl's body is the exact request as valid JSON, with apostrophes in a here-document", () => {
    const body = { model: "gpt-4.1", input: 'It\'s a "test" with $HOME and `ticks`' };
    const curl = toCurl(body);
    expect(curl).toContain("--data-binary @- <<'JSON'");
    const json = curl.split("<<'JSON'\n")[1]?.split("\nJSON\n")[0] ?? "";
    expect(JSON.parse(json)).toEqual(body);
    const simple = toCurl(plain);
    const quoted = /-d '([\s\S]*)'\n$/.exec(simple)?.[1] ?? "";
    expect(JSON.parse(quoted)).toEqual(plain);
  });

  it("HTTP's Content-Length counts UTF-8 bytes of the body", () => {
    const http = toHttp({ model: "m", input: "你好 🌍" });
    const [head, body] = http.split("\n\n");
    const length = Number(/Content-Length: (\d+)/.exec(head ?? "")?.[1]);
    expect(length).toBe(new TextEncoder().encode((body ?? "").replace(/\n$/, "")).length);
  });

  it("fields the SDK has no parameter for go through extra_body (Python) and a cast (TypeScript)", () => {
    const body = { ...plain, brand_new_field: { a: 1 } };
    expect(toPython(body)).toContain('extra_body={"brand_new_field": {"a": 1}}');
    expect(toTypeScript(body)).toContain("as OpenAI.Responses.ResponseCreateParamsNonStreaming)");
  });

  it("literals: Python booleans and None, quoted keys where needed, long values broken per member", () => {
    expect(printLiteral({ a: true, b: null, "x-y": 1 }, "python")).toBe('{"a": True, "b": None, "x-y": 1}');
    expect(printLiteral({ a: true, b: null, "x-y": 1 }, "typescript")).toBe('{ a: true, b: null, "x-y": 1 }');
    const long = printLiteral({ text: "y".repeat(90), n: 1 }, "typescript");
    expect(long.split("\n")).toHaveLength(4);
    expect(printLiteral({ text: "y".repeat(90), list: [1, 2] }, "json")).toBe(`{\n  "text": "${"y".repeat(90)}",\n  "list": [1, 2]\n}`);
  });

  it("exportCode dispatches by target", () => {
    expect(exportCode("curl", plain)).toBe(toCurl(plain));
    expect(exportCode("http", plain)).toBe(toHttp(plain));
  });
});
