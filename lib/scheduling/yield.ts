/**
 * Resolves in a new task, so the browser can paint and handle input in between. Reading a stream whose bytes are
 * already buffered resolves every read as a microtask: without this, a fast upstream would fold a whole answer in
 * one task and nothing would be painted until the end.
 */
export function yieldToBrowser(): Promise<void> {
  if (typeof MessageChannel === "undefined") return new Promise((resolve) => setTimeout(resolve, 0));
  return new Promise((resolve) => {
    const channel = new MessageChannel();
    channel.port1.onmessage = () => {
      channel.port1.close();
      resolve();
    };
    channel.port2.postMessage(null);
  });
}

/** Longest stretch of stream reading and folding before a loop gives the browser a turn. */
export const SLICE_MS = 8;
