import "server-only";
import { ApiError } from "@/lib/api-error";

/**
 * The models the engine lists. `POST /responses` answers ANY model string (people paste `gpt-4.1`); the list only
 * says which names are the engine's own. `created` is fixed so listings are stable.
 */

export interface LocalModel {
  id: string;
  created: number;
  description: string;
}

export const DEFAULT_LOCAL_MODEL = "local-echo-1";

export const LOCAL_MODELS: readonly LocalModel[] = [
  {
    id: "local-echo-1",
    created: 1767225600, // 2026-01-01
    description: "Quotes and counts your input in a short markdown answer; deterministic.",
  },
  {
    id: "local-reasoner-1",
    created: 1767225600,
    description: "Same answer as local-echo-1; the model name for reasoning scenarios.",
  },
];

/**
 * Models the API names as reasoning models: the o-series (`o1`, `o3-mini`, `o4-mini`, `o1-pro`…) and `gpt-5*` and
 * newer majors (`gpt-5`, `gpt-5.1-codex`, `gpt-6`…), with or without a gateway prefix (`openai/o3`). They reason when
 * given only `reasoning.effort` / `reasoning_effort`. `gpt-5-chat-*` is the non-reasoning chat variant.
 */
export function isReasoningModelName(model: string): boolean {
  const name = (model.split("/").pop() ?? "").toLowerCase();
  if (/^o\d+(?:$|[-.])/.test(name)) return true;
  const gpt = /^gpt-(\d+)/.exec(name);
  return gpt !== null && Number(gpt[1]) >= 5 && !/-chat(?:$|-)/.test(name);
}

export function modelObject(model: LocalModel) {
  return { id: model.id, object: "model" as const, created: model.created, owned_by: "local-engine" };
}

/** `GET /v1/models` */
export function listModels(): Response {
  return Response.json({ object: "list", data: LOCAL_MODELS.map(modelObject) });
}

/** `GET /v1/models/{id}`: the engine's own models only; other names get OpenAI's 404 (they still work for responses). */
export function retrieveModel(id: string): Response {
  const model = LOCAL_MODELS.find((m) => m.id === id);
  if (!model) {
    throw new ApiError(404, `The model '${id}' does not exist or you do not have access to it.`, {
      type: "invalid_request_error",
      param: null,
      code: "model_not_found",
    });
  }
  return Response.json(modelObject(model));
}
