/**
 * Channels whose message is in flight. Held here until delivered: an unreferenced MessageChannel may be garbage
 * collected before its message arrives, and the awaiting loop would then never resume.
 */
const inFlight = new Set<MessageChannel>();

/**
 * Resolves in a new task, so the browser can paint and handle input in between. Reading a stream whose bytes are
 * already buffered resolves every read as a microtask: without this, a fast upstream would fold a whole answer in
 * one task and nothing would be painted until the end.
 */
export function yieldToBrowser(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    inFlight.add(channel);
    channel.port1.onmessage = () => {
      inFlight.delete(channel);
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Longest stretch of stream reading and folding before a loop gives the browser a turn. */
export const SLICE_MS = 8;
