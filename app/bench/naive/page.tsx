import { notFound } from "next/navigation";
import { NaiveRenderer } from "@/components/bench/naive-renderer";

export const dynamic = "force-dynamic";

/**
 * Bench only (`npm run bench`): the naive renderer the streaming view is compared against. It 404s unless the
 * server runs with PLAYGROUND_BENCH=1, so it is never part of a deployment.
 */
export default function NaiveBenchPage() {
  if (process.env.PLAYGROUND_BENCH !== "1") notFound();
  return <NaiveRenderer />;
}
