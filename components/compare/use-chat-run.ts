"use client";

import { useCallback, useEffect, useState } from "react";
import { useRunSnapshot } from "@/components/stream/use-run";
import { createChatRun, isChatLive } from "@/lib/run/chat";

/**
 * One Chat Completions run (`lib/run/chat.ts`: the same loop and ending rule as a Responses run) as a React
 * subscription; state reaches React at most once per animation frame.
 */
export function useChatRun() {
  const [handle] = useState(createChatRun);
  const { state } = useRunSnapshot(handle);

  useEffect(() => () => handle.dispose(), [handle]);

  const run = useCallback(
    (body: Record<string, unknown>, headers: Record<string, string> = {}) => handle.start({ body, headers }),
    [handle],
  );
  const stop = useCallback(() => handle.stop(), [handle]);
  return { state, run, stop, busy: isChatLive(state.status) };
}
