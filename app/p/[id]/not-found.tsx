import Link from "next/link";

export default function PermalinkNotFound() {
  return (
    <main className="mx-auto flex min-h-dvh max-w-lg flex-col justify-center gap-3 p-6">
      <p className="text-xs font-semibold uppercase tracking-wide text-slate-500">Responses Playground</p>
      <h1 className="text-xl font-semibold">This permalink does not exist</h1>
      <p className="text-sm text-slate-600">
        The link may have been copied only in part (a permalink id has 22 characters), or it was made on another server of the playground.
      </p>
      <Link href="/" className="text-sm font-medium text-blue-700 underline">
        Open the playground
      </Link>
    </main>
  );
}
