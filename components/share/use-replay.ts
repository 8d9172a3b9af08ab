"use client";

import { useCallback, useEffect, useMemo, useRef, useState } from "react";
import { EventLog } from "@/lib/responses/event-log";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import type { Recording } from "@/lib/share/recording";
import { playbackPosition, ReplayTrack, type ReplaySpeed } from "@/lib/share/replay";

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

const CONNECTING = initialRunState("connecting");

/**
 * Drives a `ReplayTrack` in the browser: play (recorded timing scaled by speed, one animation frame at a time),
 * pause, step, scrub. Never sends a request. The event log is kept in step with the position incrementally: moving
 * forward appends, moving back rebuilds.
 */
export function useReplay(recording: Recording | null): ReplayApi {
  const track = useMemo(() => (recording ? new ReplayTrack(recording) : null), [recording]);
  const [log] = useState(() => new EventLog());
  const [position, setPosition] = useState(0);
  const [playing, setPlaying] = useState(false);
  const [speed, setSpeedState] = useState<ReplaySpeed>(1);
  const positionRef = useRef(0);
  const logLength = useRef(0);

  const moveTo = useCallback(
    (target: number) => {
      if (!track) return;
      const p = track.clamp(target);
      const wanted = track.logLengthAt(p);
      if (wanted < logLength.current) {
        log.clear();
        logLength.current = 0;
      }
      for (let i = logLength.current; i < wanted; i++) {
        const frame = track.frames[i];
        if (frame?.kind === "event") log.append(frame.record);
      }
      logLength.current = wanted;
      positionRef.current = p;
      setPosition(p);
    },
    [track, log],
  );

  // A new recording starts from the beginning.
  useEffect(() => {
    log.clear();
    logLength.current = 0;
    positionRef.current = 0;
    setPosition(0);
    setPlaying(false);
  }, [track, log]);

  useEffect(() => {
    if (!playing || !track) return;
    if (speed === "instant") {
      moveTo(track.length);
      setPlaying(false);
      return;
    }
    // Anchor: the recorded time of the current position, now. Re-anchored whenever speed changes.
    const startRecMs = track.timeAt(positionRef.current);
    const startWall = performance.now();
    let frame = 0;
    const tick = () => {
      const p = playbackPosition(track, startRecMs, performance.now() - startWall, speed);
      if (p > positionRef.current) moveTo(p);
      if (p >= track.length) {
        setPlaying(false);
        return;
      }
      frame = requestAnimationFrame(tick);
    };
    frame = requestAnimationFrame(tick);
    return () => cancelAnimationFrame(frame);
  }, [playing, speed, track, moveTo]);

  const play = useCallback(() => {
    if (!track || track.length === 0) return;
    if (positionRef.current >= track.length) moveTo(0);
    setPlaying(true);
  }, [track, moveTo]);
  const pause = useCallback(() => setPlaying(false), []);
  const toggle = useCallback(() => (playing ? pause() : play()), [playing, pause, play]);
  const step = useCallback(
    (delta = 1) => {
      setPlaying(false);
      moveTo(positionRef.current + delta);
    },
    [moveTo],
  );
  const seek = useCallback(
    (p: number) => {
      setPlaying(false);
      moveTo(p);
    },
    [moveTo],
  );
  const setSpeed = useCallback((s: ReplaySpeed) => setSpeedState(s), []);

  const state = useMemo(() => {
    if (!track) return initialRunState("idle");
    if (position === 0) return playing ? CONNECTING : track.stateAt(0);
    return track.stateAt(position);
  }, [track, position, playing]);

  return {
    track,
    log,
    state,
    position,
    length: track?.length ?? 0,
    playing,
    speed,
    timeMs: track?.timeAt(position) ?? 0,
    play,
    pause,
    toggle,
    step,
    seek,
    setSpeed,
  };
}
