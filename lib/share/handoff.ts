/**
 * "Open in playground": the permalink page leaves the request in sessionStorage and navigates to the playground,
 * which takes it (once) into its composer. sessionStorage keeps it to this tab, and nothing is sent anywhere.
 */
export const HANDOFF_KEY = "rp.handoff.request";
export const HANDOFF_URL = "/?from=permalink";

/** Leaves the request for the playground. Returns false when storage is unavailable (private mode, quota). */
export function handOffRequest(request: Record<string, unknown>): boolean {
  try {
    window.sessionStorage.setItem(HANDOFF_KEY, JSON.stringify(request));
    return true;
  } catch {
    return false;
  }
}

/** For the playground: the handed-off request, removed as it is read (a reload does not load it twice). */
export function takeHandedOffRequest(): Record<string, unknown> | null {
  try {
    const text = window.sessionStorage.getItem(HANDOFF_KEY);
    if (text === null) return null;
    window.sessionStorage.removeItem(HANDOFF_KEY);
    const value: unknown = JSON.parse(text);
    return typeof value === "object" && value !== null && !Array.isArray(value) ? (value as Record<string, unknown>) : null;
  } catch {
    return null;
  }
}
