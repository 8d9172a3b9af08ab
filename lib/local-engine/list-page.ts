import "server-only";

/** A page of a list (`after`, `limit` 1–100, `order`: newest first unless `asc`), with the spec's string `first_id`/`last_id` ("" on an empty page). */
export function listPage<T extends { id: string }>(req: Request, all: T[]): Response {
  const query = new URL(req.url).searchParams;
  const limit = Math.max(1, Math.min(100, Number(query.get("limit") ?? 20) || 20));
  const ordered = query.get("order") === "asc" ? all : [...all].reverse();
  const after = query.get("after");
  const start = after ? ordered.findIndex((x) => x.id === after) + 1 : 0;
  const data = ordered.slice(start, start + limit);
  return Response.json({
    object: "list",
    data,
    first_id: data[0]?.id ?? "",
    last_id: data.at(-1)?.id ?? "",
    has_more: start + limit < ordered.length,
  });
}
