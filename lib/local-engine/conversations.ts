import "server-only";
import { z } from "zod";
import { ApiError } from "@/lib/api-error";
import { getEngineDb } from "@/lib/store";
import {
  appendConversationItems,
  deleteConversationItemRow,
  deleteConversationRow,
  getConversationRow,
  listConversationItemRows,
  putConversationRow,
} from "@/lib/store/conversations";
import { engineClient } from "./client";
import { listPage } from "./list-page";
import { newId, nowSeconds } from "./ids";
import { normalizeInput, type StoredItem } from "./input";
import { resolveItemReferences } from "./item-references";
import type { InputItemParam } from "./schema";
import { readBody } from "./vector-stores";

/**
 * The Conversations API (`/v1/conversations…`): a conversation is an ordered list of items kept in `lib/store`
 * (migration 4). `POST /responses` with `conversation` reads its items as the context and appends the response's
 * input and output items after it has ended.
 */

const Metadata = z.record(z.string().max(64), z.string().max(512)).nullish();
const CreateBody = z.looseObject({ items: z.array(z.looseObject({})).max(20).nullish(), metadata: Metadata });
const UpdateBody = z.looseObject({ metadata: Metadata });
const ItemsBody = z.looseObject({ items: z.array(z.looseObject({})).min(1).max(20) });

interface Conversation {
  id: string;
  object: "conversation";
  created_at: number;
  metadata: Record<string, string>;
}

function notFound(id: string): ApiError {
  return new ApiError(404, `Conversation with id '${id}' not found.`, { type: "invalid_request_error", param: null, code: null });
}

export async function requireConversation(id: string): Promise<Conversation> {
  const row = await getConversationRow(getEngineDb(), id);
  if (!row) throw notFound(id);
  return {
    id: row.id,
    object: "conversation",
    created_at: row.createdAt,
    metadata: JSON.parse(row.metadataJson) as Record<string, string>,
  };
}

/** The conversation's items, oldest first (what a response in it sees as context). */
export async function conversationItems(id: string): Promise<StoredItem[]> {
  return (await listConversationItemRows(getEngineDb(), id)).map((json) => JSON.parse(json) as StoredItem);
}

export async function appendToConversation(id: string, items: readonly StoredItem[]): Promise<void> {
  await appendConversationItems(
    getEngineDb(),
    id,
    items.map((item) => ({ id: item.id, json: JSON.stringify(item) })),
  );
}

async function storedItems(items: readonly Record<string, unknown>[]): Promise<StoredItem[]> {
  return resolveItemReferences(normalizeInput(items as InputItemParam[]));
}

/** `POST /v1/conversations` */
export async function createConversation(req: Request): Promise<Response> {
  const body = await readBody(req, CreateBody);
  const items = await storedItems(body.items ?? []);
  const conversation: Conversation = { id: newId("conv"), object: "conversation", created_at: nowSeconds(), metadata: body.metadata ?? {} };
  await putConversationRow(getEngineDb(), {
    id: conversation.id,
    client: engineClient(req),
    metadataJson: JSON.stringify(conversation.metadata),
    createdAt: conversation.created_at,
  });
  await appendToConversation(conversation.id, items);
  return Response.json(conversation);
}

/** `GET /v1/conversations/{id}` */
export async function retrieveConversation(id: string): Promise<Response> {
  return Response.json(await requireConversation(id));
}

/** `POST /v1/conversations/{id}`: replaces the metadata. */
export async function updateConversation(req: Request, id: string): Promise<Response> {
  const conversation = await requireConversation(id);
  const body = await readBody(req, UpdateBody);
  conversation.metadata = body.metadata ?? {};
  await putConversationRow(getEngineDb(), {
    id,
    client: engineClient(req),
    metadataJson: JSON.stringify(conversation.metadata),
    createdAt: conversation.created_at,
  });
  return Response.json(conversation);
}

/** `DELETE /v1/conversations/{id}` */
export async function deleteConversation(id: string): Promise<Response> {
  await requireConversation(id);
  await deleteConversationRow(getEngineDb(), id);
  return Response.json({ id, object: "conversation.deleted", deleted: true });
}

/** `POST /v1/conversations/{id}/items`: appends, answers the added items as a list. */
export async function createConversationItems(req: Request, id: string): Promise<Response> {
  await requireConversation(id);
  const body = await readBody(req, ItemsBody);
  const items = await storedItems(body.items);
  await appendToConversation(id, items);
  return Response.json({ object: "list", data: items, first_id: items[0]?.id ?? "", last_id: items.at(-1)?.id ?? "", has_more: false });
}

/** `GET /v1/conversations/{id}/items?after&limit&order` (order defaults to `desc`, as the API's). */
export async function listConversationItems(req: Request, id: string): Promise<Response> {
  await requireConversation(id);
  return listPage(req, await conversationItems(id));
}

/** `GET /v1/conversations/{id}/items/{item_id}` */
export async function retrieveConversationItem(id: string, itemId: string): Promise<Response> {
  await requireConversation(id);
  const item = (await conversationItems(id)).find((candidate) => candidate.id === itemId);
  if (!item) throw new ApiError(404, `Item with id '${itemId}' not found.`, { type: "invalid_request_error", param: null, code: null });
  return Response.json(item);
}

/** `DELETE /v1/conversations/{id}/items/{item_id}`: answers the conversation. */
export async function deleteConversationItem(id: string, itemId: string): Promise<Response> {
  const conversation = await requireConversation(id);
  if (!(await deleteConversationItemRow(getEngineDb(), id, itemId))) {
    throw new ApiError(404, `Item with id '${itemId}' not found.`, { type: "invalid_request_error", param: null, code: null });
  }
  return Response.json(conversation);
}
