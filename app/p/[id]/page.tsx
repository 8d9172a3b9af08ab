import type { Metadata } from "next";
import { headers } from "next/headers";
import { notFound, redirect } from "next/navigation";
import { cache } from "react";
import { PermalinkView } from "@/components/share/permalink-view";
import { RequestSummary } from "@/components/share/request-summary";
import { isPermalinkId } from "@/lib/store/ids";
import { getStore } from "@/lib/store";
import { describeStoreError } from "@/lib/store/errors";

export const dynamic = "force-dynamic";
export const runtime = "nodejs";

type Params = { params: Promise<{ id: string }> };

/**
 * One read per request, shared by the metadata and the page. A store that cannot be read sends the reader to a
 * plain-words 503 page (`./unavailable`), not Next's generic error page.
 */
const load = cache(async (id: string) => {
  if (!isPermalinkId(id)) return null;
  let problem: string;
  try {
    const store = getStore();
    return store ? await store.get(id) : null;
  } catch (error) {
    problem = describeStoreError(error).message;
  }
  redirect(`/p/${id}/unavailable?reason=${encodeURIComponent(problem)}`);
});

export async function generateMetadata({ params }: Params): Promise<Metadata> {
  const record = await load((await params).id);
  if (!record) return { title: "Permalink not found · Responses Playground" };
  return {
    title: `${record.title} · Responses Playground`,
    description: record.recording
      ? "A shared Responses API request with its recorded run, to replay event by event."
      : "A shared Responses API request.",
    // Unguessable links are meant for the people they are sent to, not for search engines.
    robots: { index: false, follow: false },
  };
}

/** A shared permalink: the request (form, JSON, code) and its recorded run, replayable with no key and no network. */
export default async function PermalinkPage({ params }: Params) {
  const { id } = await params;
  const record = await load(id);
  if (!record) notFound();
  const h = await headers();
  const host = h.get("x-forwarded-host") ?? h.get("host");
  const proto = h.get("x-forwarded-proto") ?? "http";
  const shareUrl = host ? `${proto}://${host}/p/${record.id}` : undefined;
  return (
    <PermalinkView
      title={record.title}
      request={record.request}
      recording={record.recording}
      createdAt={record.createdAt}
      source="permalink"
      shareUrl={shareUrl}
      summary={<RequestSummary request={record.request} />}
    />
  );
}
