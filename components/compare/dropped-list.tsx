import type { Dropped } from "@/lib/chat/responses-to-chat";

/** What the Chat Completions translation could not carry, in plain words (server- and client-renderable). */
export function DroppedList({ dropped }: { dropped: readonly Dropped[] }) {
  return (
    <section aria-label="Not translated" className="flex min-w-0 flex-col gap-2">
      <h3 className="text-sm font-semibold text-slate-700">Not translated to Chat Completions</h3>
      {dropped.length === 0 ? (
        <p className="text-sm text-slate-600">Everything in this request has a Chat Completions equivalent.</p>
      ) : (
        <ul className="flex flex-col gap-1.5 text-sm">
          {dropped.map((d, i) => (
            <li key={i} className="rounded-md border border-amber-200 bg-amber-50 px-3 py-1.5 text-amber-950">
              <code className="mr-2 font-mono text-xs font-semibold">{d.path}</code>
              {d.reason}
            </li>
          ))}
        </ul>
      )}
    </section>
  );
}
