export const metadata = { title: "Sign in · Responses Playground" };

/** Sign in with the deployment's access token (PLAYGROUND_ACCESS_TOKEN); the form posts to /api/login. */
export default async function LoginPage({ searchParams }: { searchParams: Promise<{ error?: string }> }) {
  const { error } = await searchParams;
  const message =
    error === "wrong"
      ? "That is not the access token."
      : error === "off"
        ? "This deployment has no access token: nothing to sign in to."
        : null;
  return (
    <main className="mx-auto flex max-w-sm flex-col gap-4 p-8">
      <h1 className="text-lg font-semibold">Responses Playground</h1>
      <p className="text-sm text-slate-600">
        This playground uses its server&apos;s API key only for people with the access token. Ask whoever runs it, or use your own key in
        Settings.
      </p>
      {message ? (
        <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
          {message}
        </p>
      ) : null}
      <form method="post" action="/api/login" className="flex flex-col gap-2">
        <label className="flex flex-col gap-1 text-sm">
          <span className="font-medium">Access token</span>
          <input
            name="token"
            type="password"
            autoComplete="current-password"
            required
            className="h-9 rounded-md border border-slate-300 px-2"
          />
        </label>
        <button type="submit" className="h-9 rounded-md bg-slate-900 text-sm font-medium text-white">
          Sign in
        </button>
      </form>
    </main>
  );
}
