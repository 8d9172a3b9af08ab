/**
 * Playing a recording: a run whose events come from a `ReplayTrack` instead of the network, with the same read side
 * as a live run (`subscribe`, `getSnapshot`, `getState`, an `EventLog`), so the same components and the same
 * subscription hook render both. Play (recorded timing scaled by speed, one frame at a time), pause, step, scrub.
 * No React; never sends a request. The log follows the position incrementally: forward appends, back rebuilds.
 */
import { EventLog } from "@/lib/responses/event-log";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import type { RunEnding } from "@/lib/run/ending";
import type { RunRequest, RunSnapshot } from "@/lib/run/run";
import { recordingEnding } from "./recording";
import { playbackPosition, type ReplaySpeed, type ReplayTrack } from "./replay";

export interface ReplaySnapshot extends RunSnapshot<RunState> {
  position: number;
  length: number;
  playing: boolean;
  speed: ReplaySpeed;
  /** Recorded ms since the request was sent, at the current position. */
  timeMs: number;
}

export interface PlayerOptions {
  /** Schedules the next playback frame (`requestAnimationFrame` in browsers, a 16 ms timer elsewhere). */
  scheduleFrame?: (callback: () => void) => () => void;
  now?: () => number;
}

const CONNECTING = initialRunState("connecting");

function defaultScheduleFrame(callback: () => void): () => void {
  if (typeof requestAnimationFrame === "function") {
    const id = requestAnimationFrame(callback);
    return () => cancelAnimationFrame(id);
  }
  const id = setTimeout(callback, 16);
  return () => clearTimeout(id);
}

export class ReplayPlayer {
  readonly log = new EventLog();
  private readonly listeners = new Set<() => void>();
  private readonly scheduleFrame: (callback: () => void) => () => void;
  private readonly now: () => number;
  private readonly request: RunRequest | null;
  private readonly ending: RunEnding | null;
  private position = 0;
  private logLength = 0;
  private playing = false;
  private speed: ReplaySpeed = 1;
  private cancelFrame: (() => void) | null = null;
  private snapshot: ReplaySnapshot;

  constructor(
    readonly track: ReplayTrack | null,
    options: PlayerOptions = {},
  ) {
    this.scheduleFrame = options.scheduleFrame ?? defaultScheduleFrame;
    this.now = options.now ?? (() => performance.now());
    this.request = track ? { body: track.recording.request } : null;
    this.ending = track ? recordingEnding(track.recording) : null;
    this.snapshot = this.build();
  }

  subscribe = (listener: () => void): (() => void) => {
    this.listeners.add(listener);
    return () => {
      this.listeners.delete(listener);
    };
  };

  getSnapshot = (): ReplaySnapshot => this.snapshot;

  getState = (): RunState => this.snapshot.state;

  play = (): void => {
    const track = this.track;
    if (!track || track.length === 0) return;
    if (this.position >= track.length) this.moveTo(0, false);
    this.playing = true;
    if (this.speed === "instant") {
      this.moveTo(track.length, false);
      this.playing = false;
      this.publish();
      return;
    }
    this.loop();
    this.publish();
  };

  pause = (): void => {
    this.stopLoop();
    this.playing = false;
    this.publish();
  };

  toggle = (): void => (this.playing ? this.pause() : this.play());

  /** Pauses and moves by `delta` frames (default: the next event). */
  step = (delta = 1): void => {
    this.stopLoop();
    this.playing = false;
    this.moveTo(this.position + delta);
  };

  /** Pauses and jumps to a position (the scrub slider). */
  seek = (position: number): void => {
    this.stopLoop();
    this.playing = false;
    this.moveTo(position);
  };

  setSpeed = (speed: ReplaySpeed): void => {
    this.speed = speed;
    // Re-anchored at the current position, so the new speed applies from here.
    if (this.playing) this.play();
    else this.publish();
  };

  dispose = (): void => {
    this.stopLoop();
    this.playing = false;
  };

  /** Plays from the current position: the recorded time here is anchored to now. */
  private loop(): void {
    const track = this.track;
    if (!track || this.speed === "instant") return;
    this.stopLoop();
    const speed = this.speed;
    const startRecMs = track.timeAt(this.position);
    const startWall = this.now();
    const tick = () => {
      this.cancelFrame = null;
      const p = playbackPosition(track, startRecMs, this.now() - startWall, speed);
      if (p >= track.length) this.playing = false;
      if (p > this.position) this.moveTo(p);
      else if (!this.playing) this.publish();
      if (this.playing) this.cancelFrame = this.scheduleFrame(tick);
    };
    this.cancelFrame = this.scheduleFrame(tick);
  }

  private stopLoop(): void {
    this.cancelFrame?.();
    this.cancelFrame = null;
  }

  private moveTo(target: number, publish = true): void {
    const track = this.track;
    if (!track) return;
    const p = track.clamp(target);
    const wanted = track.logLengthAt(p);
    if (wanted < this.logLength) {
      this.log.clear();
      this.logLength = 0;
    }
    for (let i = this.logLength; i < wanted; i++) {
      const frame = track.frames[i];
      if (frame?.kind === "event") this.log.append(frame.record);
    }
    this.logLength = wanted;
    this.position = p;
    if (publish) this.publish();
  }

  private build(): ReplaySnapshot {
    const track = this.track;
    const p = this.position;
    const state = !track ? initialRunState("idle") : p === 0 && this.playing ? CONNECTING : track.stateAt(p);
    const atEnd = track !== null && track.length > 0 && p === track.length;
    return {
      state,
      attempt: track ? 1 : 0,
      request: this.request,
      ending: atEnd ? this.ending : null,
      startedAt: track?.recording.startedAt ? Date.parse(track.recording.startedAt) : null,
      position: p,
      length: track?.length ?? 0,
      playing: this.playing,
      speed: this.speed,
      timeMs: track?.timeAt(p) ?? 0,
    };
  }

  private publish(): void {
    this.snapshot = this.build();
    for (const listener of [...this.listeners]) listener();
  }
}
