"use client";

import Link from "next/link";
import { useEffect, useState } from "react";
import { decodeFragment, type FragmentPayload } from "@/lib/share/fragment";
import { PermalinkView } from "./permalink-view";

type LoadState = { kind: "loading" } | { kind: "ready"; payload: FragmentPayload } | { kind: "error"; message: string };

/** Reads the request out of `location.hash` (the server never sees it) and shows it like a permalink. */
export function FragmentLinkView() {
  const [state, setState] = useState<LoadState>({ kind: "loading" });
  const [url, setUrl] = useState<string | undefined>(undefined);

  useEffect(() => {
    let live = true;
    const read = () => {
      setUrl(window.location.href);
      decodeFragment(window.location.hash).then(
        (payload) => live && setState({ kind: "ready", payload }),
        (error: unknown) => live && setState({ kind: "error", message: error instanceof Error ? error.message : String(error) }),
      );
    };
    read();
    window.addEventListener("hashchange", read);
    return () => {
      live = false;
      window.removeEventListener("hashchange", read);
    };
  }, []);

  if (state.kind === "ready") {
    return (
      <PermalinkView
        title={state.payload.title || "Shared request"}
        request={state.payload.request}
        recording={null}
        source="link"
        shareUrl={url}
      />
    );
  }
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-3 p-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Responses Playground</p>
      {state.kind === "loading" ? (
        <p className="text-sm text-slate-600">Reading the shared request…</p>
      ) : (
        <>
          <h1 className="text-xl font-semibold">This link cannot be read</h1>
          <p role="alert" className="text-sm text-red-800">
            {state.message}
          </p>
          <Link href="/" className="text-sm font-medium text-blue-700 underline">
            Open the playground
          </Link>
        </>
      )}
    </main>
  );
}
