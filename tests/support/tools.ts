/** The one weather tool the tests send (the local engine's function-call trigger answers it; exporters print it). */
export const WEATHER_TOOL = {
  type: "function",
  name: "get_current_weather",
  description: "Get the current weather in a given location",
  strict: true,
  parameters: {
    type: "object",
    properties: {
      location: { type: "string", description: "City and state, e.g. San Francisco, CA" },
      unit: { type: "string", enum: ["celsius", "fahrenheit"] },
    },
    required: ["location", "unit"],
    additionalProperties: false,
  },
};
