import type { Metadata } from "next";
import { RecordingImport } from "@/components/share/recording-import";

export const metadata: Metadata = {
  title: "Replay a recording · Responses Playground",
  description: "Open an exported recording and replay the run event by event, offline and with no API key.",
};

/** Open a `.recording.json` file (exported from a permalink or the playground) and replay it, fully offline. */
export default function ReplayPage() {
  return <RecordingImport />;
}
