import type { Metadata } from "next";
import { FragmentLinkView } from "@/components/share/fragment-link-view";

export const metadata: Metadata = {
  title: "Shared request · Responses Playground",
  robots: { index: false, follow: false },
};

/** `/p#r=…`: a request carried in the URL fragment (nothing stored on any server); decoded in the browser. */
export default function FragmentLinkPage() {
  return <FragmentLinkView />;
}
