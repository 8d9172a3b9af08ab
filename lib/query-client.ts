import { QueryClient } from "@tanstack/react-query";

/** The one QueryClient factory, for server data (models, stored responses). The live stream stays outside it. */
export function createQueryClient(): QueryClient {
  return new QueryClient({
    defaultOptions: {
      queries: { staleTime: 60_000, retry: 1, refetchOnWindowFocus: false },
    },
  });
}
