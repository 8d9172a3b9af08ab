import "server-only";
import { ApiError } from "@/lib/api-error";
import { formatBytes } from "@/lib/share/limits";

/**
 * Reads a request body as text, refusing (413, in the API's error shape) once it passes `maxBytes` instead of
 * buffering whatever a client sends.
 */
export async function readBodyCapped(request: Request, maxBytes: number): Promise<string> {
  const tooLarge = () =>
    new ApiError(413, `The request body is over the limit of ${formatBytes(maxBytes)}. Share without the recording, or a shorter run.`, {
      code: "payload_too_large",
    });
  const declared = Number(request.headers.get("content-length") ?? "");
  if (Number.isFinite(declared) && declared > maxBytes) throw tooLarge();
  if (!request.body) return "";
  const reader = request.body.getReader();
  const decoder = new TextDecoder();
  let total = 0;
  let text = "";
  for (;;) {
    const { done, value } = await reader.read();
    if (done) break;
    total += value.byteLength;
    if (total > maxBytes) {
      await reader.cancel().catch(() => undefined);
      throw tooLarge();
    }
    text += decoder.decode(value, { stream: true });
  }
  return text + decoder.decode();
}
