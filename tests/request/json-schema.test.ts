import Ajv2020 from "ajv/dist/2020";
import { describe, expect, it } from "vitest";
import { checkJsonSchema } from "@/lib/request/json-schema-check";
import { sampleFromSchema } from "@/lib/request/json-schema-sample";

const errs = (schema: unknown, strict = false) =>
  checkJsonSchema(schema, { strict })
    .filter((i) => i.severity === "error")
    .map((i) => `${i.path.join("/")}: ${i.message}`);

const strictWeather = {
  type: "object",
  properties: {
    location: { type: "string", description: "City and country" },
    unit: { type: ["string", "null"], enum: ["celsius", "fahrenheit", null] },
    days: {
      type: "array",
      items: {
        type: "object",
        properties: { day: { type: "integer", minimum: 1, maximum: 7 } },
        required: ["day"],
        additionalProperties: false,
      },
    },
    alert: { anyOf: [{ type: "boolean" }, { $ref: "#/$defs/level" }] },
  },
  required: ["location", "unit", "days", "alert"],
  additionalProperties: false,
  $defs: {
    level: {
      type: "object",
      properties: { level: { type: "string", enum: ["low", "high"] } },
      required: ["level"],
      additionalProperties: false,
    },
  },
};

describe("the JSON Schema checker (OpenAI's subset)", () => {
  it("accepts a realistic strict schema with nesting, arrays, enums, anyOf and $defs", () => {
    expect(errs(strictWeather, true)).toEqual([]);
  });

  it("needs an object at the root", () => {
    expect(errs({ type: "array", items: { type: "string" } })).toEqual([
      'type: The root of the schema must be an object: set "type": "object" (it is "array").',
    ]);
    expect(errs([])).toEqual([": The schema must be a JSON object."]);
    expect(errs({ properties: {} })[0]).toMatch(/root of the schema must be an object/);
  });

  it("checks types, properties, required, items, enum, bounds, patterns and refs", () => {
    expect(errs({ type: "object", properties: { a: { type: "text" } } })).toEqual([
      'properties/a/type: Unknown type "text": use one of string, number, integer, boolean, object, array, null.',
    ]);
    expect(errs({ type: "object", properties: [] })).toEqual(["properties: 'properties' must be an object that maps names to schemas."]);
    expect(errs({ type: "object", properties: { a: { type: "array", items: [{ type: "string" }] } } })).toEqual([
      "properties/a/items: 'items' must be a single schema (tuples are not supported).",
    ]);
    expect(errs({ type: "object", properties: { a: { type: "string", enum: [] } } })).toEqual([
      "properties/a/enum: 'enum' must be a non-empty list of values.",
    ]);
    expect(errs({ type: "object", properties: { a: { type: "string", enum: ["x", 1] } } })[0]).toMatch(
      /enum value 1 does not match the type string/,
    );
    expect(errs({ type: "object", properties: { a: { type: "string", minLength: 5, maxLength: 2 } } })).toEqual([
      "properties/a/minLength: 'minLength' (5) is greater than 'maxLength' (2).",
    ]);
    expect(errs({ type: "object", properties: { a: { type: "string", pattern: "([a-z" } } })[0]).toMatch(/not a valid regular expression/);
    expect(errs({ type: "object", properties: { a: { $ref: "#/$defs/missing" } } })[0]).toMatch(/does not point to a definition/);
    expect(errs({ type: "object", required: "a" })).toEqual(["required: 'required' must be a list of property names."]);
  });

  it("warns, without refusing, when a non-strict schema requires a property it does not define", () => {
    const issues = checkJsonSchema({ type: "object", properties: {}, required: ["ghost"] }, { strict: false });
    expect(issues).toEqual([
      { path: ["required"], message: "'required' names 'ghost', which is not in 'properties'.", severity: "warning" },
    ]);
  });

  it("applies the strict-mode rules: all properties required, additionalProperties false, supported keywords, items, depth", () => {
    expect(
      errs(
        { type: "object", properties: { a: { type: "string" }, b: { type: "number" } }, required: ["a"], additionalProperties: false },
        true,
      ),
    ).toEqual(["required: In strict mode every property must be required; add 'b' to 'required'."]);
    expect(errs({ type: "object", properties: {}, required: [] }, true)).toEqual([
      'additionalProperties: In strict mode every object must set "additionalProperties": false.',
    ]);
    expect(errs({ type: "object", properties: {}, required: [], additionalProperties: false, allOf: [] }, true)).toEqual([
      "allOf: 'allOf' is not supported in strict mode.",
    ]);
    expect(errs({ type: "object", properties: { a: { type: "array" } }, required: ["a"], additionalProperties: false }, true)).toEqual([
      "properties/a/items: In strict mode an array schema needs 'items'.",
    ]);
    let deep: Record<string, unknown> = { type: "string" };
    for (let i = 0; i < 11; i += 1) deep = { type: "object", properties: { n: deep }, required: ["n"], additionalProperties: false };
    expect(errs(deep, true).some((e) => e.includes("at most 10 levels"))).toBe(true);
  });
});

describe("JSON generated from a schema (the engine's json_schema answers)", () => {
  const ajv = new Ajv2020({ strict: false });
  const seed = { text: "What is the weather in Boston this week?", number: 8 };
  const schemas: Array<[string, Record<string, unknown>]> = [
    ["the strict weather schema", strictWeather],
    [
      "bounds and formats",
      {
        type: "object",
        properties: {
          id: { type: "string", format: "uuid" },
          when: { type: "string", format: "date-time" },
          code: { type: "string", minLength: 60, maxLength: 70 },
          short: { type: "string", maxLength: 3 },
          score: { type: "number", exclusiveMinimum: 10, maximum: 20 },
          count: { type: "integer", minimum: 0, maximum: 5, multipleOf: 5 },
          tags: { type: "array", items: { type: "string" }, minItems: 2, maxItems: 3 },
          fixed: { const: "v1" },
          nothing: { type: "null" },
        },
        required: ["id", "when", "code", "short", "score", "count", "tags", "fixed", "nothing"],
        additionalProperties: false,
      },
    ],
    [
      "a recursive tree through $defs",
      {
        type: "object",
        properties: { root: { $ref: "#/$defs/node" } },
        required: ["root"],
        additionalProperties: false,
        $defs: {
          node: {
            type: "object",
            properties: { name: { type: "string" }, children: { type: "array", items: { $ref: "#/$defs/node" }, maxItems: 1 } },
            required: ["name"],
            additionalProperties: false,
          },
        },
      },
    ],
  ];

  it.each(schemas)("validates against %s (checked with Ajv)", (_name, schema) => {
    const value = sampleFromSchema(schema, seed);
    const validate = ajv.compile(schema);
    expect(validate(value), JSON.stringify(validate.errors)).toBe(true);
  });

  it("is deterministic and uses the input for strings and its word count for numbers", () => {
    const schema = {
      type: "object",
      properties: {
        answer: { type: "string" },
        words: { type: "integer" },
        ok: { type: "boolean" },
        unit: { type: "string", enum: ["c", "f"] },
      },
    };
    expect(sampleFromSchema(schema, seed)).toEqual({ answer: seed.text, words: 8, ok: true, unit: "c" });
    expect(sampleFromSchema(schema, seed)).toEqual(sampleFromSchema(schema, seed));
  });
});
