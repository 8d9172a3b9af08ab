import { Playground } from "@/components/playground/playground";
import { serverEnv } from "@/lib/upstream/config";

export const dynamic = "force-dynamic";

/** The playground. Server component: it tells the client which upstream the server defaults to, never the key. */
export default function Page() {
  const env = serverEnv();
  const serverUpstream = env.OPENAI_API_KEY
    ? {
        kind: "openai" as const,
        host: new URL(env.OPENAI_BASE_URL).host,
        baseUrl: env.OPENAI_BASE_URL === "https://api.openai.com/v1" ? null : env.OPENAI_BASE_URL,
      }
    : { kind: "local" as const, host: null, baseUrl: null };
  return <Playground serverUpstream={serverUpstream} />;
}
