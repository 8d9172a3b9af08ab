import "server-only";
import { randomBytes } from "node:crypto";

/** OpenAI-looking ids: `resp_` + 48 hex, `msg_` + 48 hex, `req_` + 32 hex. Random, so never part of the answer text. */
export function newId(prefix: string, bytes = 24): string {
  return `${prefix}_${randomBytes(bytes).toString("hex")}`;
}

export function newRequestId(): string {
  return newId("req", 16);
}

export function nowSeconds(): number {
  return Math.floor(Date.now() / 1000);
}
