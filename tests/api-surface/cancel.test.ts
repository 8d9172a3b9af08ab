import OpenAI from "openai";
import { afterEach, describe, expect, it, vi } from "vitest";
import { SURFACES } from "./helpers";

/** Issue 16 item 8: background responses are cancelled with `POST /v1/responses/{id}/cancel` on both surfaces. */

afterEach(() => vi.unstubAllEnvs());

describe("cancelling a background response", () => {
  for (const [surface, makeClient] of SURFACES) {
    it(`${surface}: client.responses.cancel stops a queued/in-progress run (official SDK)`, async () => {
      const client = makeClient(40);
      const created = await client.responses.create({
        model: "local-echo-1",
        input: "Write a long answer about rivers.",
        background: true,
      });
      expect(created.status).toMatch(/^(queued|in_progress)$/);
      const cancelled = await client.responses.cancel(created.id);
      expect(cancelled).toMatchObject({ id: created.id, status: "cancelled", background: true });
      expect((await client.responses.retrieve(created.id)).status).toBe("cancelled");
    });

    it(`${surface}: cancelling a foreground response is a 400, an unknown id a 404`, async () => {
      const client = makeClient();
      const done = await client.responses.create({ model: "local-echo-1", input: "hi" });
      await expect(client.responses.cancel(done.id)).rejects.toBeInstanceOf(OpenAI.BadRequestError);
      await expect(client.responses.cancel("resp_nope")).rejects.toBeInstanceOf(OpenAI.NotFoundError);
    });
  }
});
