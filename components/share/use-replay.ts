"use client";

import { useEffect, useMemo } from "react";
import { useRunSnapshot } from "@/components/stream/use-run";
import type { EventLog } from "@/lib/responses/event-log";
import type { RunState } from "@/lib/responses/run-state";
import { ReplayPlayer } from "@/lib/share/player";
import type { Recording } from "@/lib/share/recording";
import { ReplayTrack, type ReplaySpeed } from "@/lib/share/replay";

export interface ReplayApi {
  track: ReplayTrack | null;
  /** The event log at the current position, for `EventTimeline` (the same component a live run uses). */
  log: EventLog;
  /** The run's state at the current position, for `OutputView`, `UsageBar`, `ErrorBanner`. */
  state: RunState;
  position: number;
  length: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** Recorded ms since the request was sent, at the current position. */
  timeMs: number;
  play(): void;
  pause(): void;
  toggle(): void;
  /** Pauses and moves by `delta` frames (default: the next event). */
  step(delta?: number): void;
  /** Pauses and jumps to a position (the scrub slider). */
  seek(position: number): void;
  setSpeed(speed: ReplaySpeed): void;
}

/**
 * A recording played by a `ReplayPlayer` (`lib/share/player.ts`), read through the same subscription as a live
 * run. A new recording gets a new player, which starts from the beginning.
 */
export function useReplay(recording: Recording | null): ReplayApi {
  const player = useMemo(() => new ReplayPlayer(recording ? new ReplayTrack(recording) : null), [recording]);
  useEffect(() => () => player.dispose(), [player]);
  const snapshot = useRunSnapshot(player);
  return {
    track: player.track,
    log: player.log,
    state: snapshot.state,
    position: snapshot.position,
    length: snapshot.length,
    playing: snapshot.playing,
    speed: snapshot.speed,
    timeMs: snapshot.timeMs,
    play: player.play,
    pause: player.pause,
    toggle: player.toggle,
    step: player.step,
    seek: player.seek,
    setSpeed: player.setSpeed,
  };
}
