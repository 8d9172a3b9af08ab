/**
 * Replaying a recording: the run's `RunState` and event-log contents at any position, by folding the same pure
 * reducer (`applyEvent`) a live run uses over the recorded events, re-parsed by the same SSE parser. Isomorphic and
 * free of timers: `components/share/use-replay.ts` drives it with animation frames.
 *
 * A position `p` is "the first p frames have arrived". Frames are the recorded events in order, plus one final
 * frame for an answer that was not a stream (`recording.http`). At the last position the recorded ending
 * (`recordingEnding`) is applied by `endRun`, the rule a live run ends by.
 */
import { eventRecordInput, type EventRecordInput } from "@/lib/responses/event-log";
import type { StreamEvent } from "@/lib/responses/events";
import { applyEvent } from "@/lib/responses/reducer";
import { initialRunState, type RunState } from "@/lib/responses/run-state";
import { parseSseMessage, type ParsedEvent } from "@/lib/responses/sse";
import { endRun } from "@/lib/run/ending";
import { recordingEnding, type RecordedEvent, type Recording } from "./recording";
import { isRecord } from "@/lib/is-record";

export type ReplaySpeed = 0.25 | 0.5 | 1 | 2 | 4 | "instant";
export const REPLAY_SPEEDS: readonly ReplaySpeed[] = [0.25, 0.5, 1, 2, 4, "instant"];

export function speedLabel(speed: ReplaySpeed): string {
  return speed === "instant" ? "Instant" : `${speed}×`;
}

export type ReplayFrame =
  | { kind: "event"; atMs: number; record: EventRecordInput; event: StreamEvent | null }
  | { kind: "http"; atMs: number; status: number; body: string };

const LABELS_WITHOUT_EVENT = new Set(["[DONE]", "(unreadable event)"]);
/** A stored state every this many positions, so scrubbing backwards costs at most this many reducer steps. */
const CHECKPOINT_EVERY = 128;

/** One recorded event, parsed as the live run parsed it. */
export function parseRecordedEvent(recorded: RecordedEvent): ParsedEvent {
  if (recorded.raw !== undefined) {
    if (recorded.type === "[DONE]") return { kind: "done" };
    const eventName = LABELS_WITHOUT_EVENT.has(recorded.type) ? undefined : recorded.type;
    return parseSseMessage({ event: eventName, data: recorded.raw, id: undefined });
  }
  const data = recorded.data;
  const event: StreamEvent = isRecord(data)
    ? typeof data.type === "string" && data.type
      ? (data as StreamEvent)
      : ({ ...data, type: recorded.type } as StreamEvent)
    : { type: recorded.type, data };
  return { kind: "event", event, raw: JSON.stringify(event), verbatim: true };
}

/** A recording prepared for replay: frames parsed once, states cached at checkpoints. */
export class ReplayTrack {
  readonly recording: Recording;
  readonly frames: readonly ReplayFrame[];
  /** Number of frames = the last position. */
  readonly length: number;
  /** Frames that go into the event log (every recorded event; not the HTTP answer). */
  readonly eventCount: number;
  readonly durationMs: number;
  private readonly checkpoints = new Map<number, RunState>();
  private last: { position: number; state: RunState } | null = null;

  constructor(recording: Recording) {
    this.recording = recording;
    const frames: ReplayFrame[] = [];
    let clock = 0;
    for (const recorded of recording.events) {
      // Times never go backwards, even in a hand-edited file: playback schedules by them.
      clock = Math.max(clock, Number.isFinite(recorded.atMs) ? recorded.atMs : clock);
      const parsed = parseRecordedEvent(recorded);
      const record = eventRecordInput(parsed, clock);
      frames.push({ kind: "event", atMs: clock, record, event: parsed.kind === "event" ? parsed.event : null });
    }
    this.eventCount = frames.length;
    if (recording.http) {
      clock = Math.max(clock, recording.http.atMs ?? clock);
      frames.push({ kind: "http", atMs: clock, status: recording.http.status, body: recording.http.body ?? "" });
    }
    this.frames = frames;
    this.length = frames.length;
    this.durationMs = Math.max(clock, recording.end?.atMs ?? 0);
    this.checkpoints.set(0, initialRunState("connecting"));
  }

  /** The event-log records of the first `position` frames (what the timeline shows at that position). */
  recordsUpTo(position: number): EventRecordInput[] {
    const out: EventRecordInput[] = [];
    const end = Math.min(this.clamp(position), this.eventCount);
    for (let i = 0; i < end; i++) {
      const frame = this.frames[i];
      if (frame?.kind === "event") out.push(frame.record);
    }
    return out;
  }

  /** Number of log records at `position`. */
  logLengthAt(position: number): number {
    return Math.min(this.clamp(position), this.eventCount);
  }

  clamp(position: number): number {
    if (!Number.isFinite(position)) return position > 0 ? this.length : 0;
    return Math.min(this.length, Math.max(0, Math.floor(position)));
  }

  /** Recorded time (ms since the request was sent) at which `position` is reached. */
  timeAt(position: number): number {
    const p = this.clamp(position);
    return p === 0 ? 0 : (this.frames[p - 1]?.atMs ?? 0);
  }

  /** The position reached at recorded time `ms`: how many frames had arrived by then. */
  positionAt(ms: number): number {
    let lo = 0;
    let hi = this.length;
    while (lo < hi) {
      const mid = (lo + hi) >>> 1;
      if ((this.frames[mid]?.atMs ?? Infinity) <= ms) lo = mid + 1;
      else hi = mid;
    }
    return lo;
  }

  /**
   * The run's state after the first `position` frames. Position 0 is a run that has not started (`idle`).
   * Stepping forward costs one reducer step; jumping anywhere costs at most CHECKPOINT_EVERY.
   */
  stateAt(position: number): RunState {
    const p = this.clamp(position);
    if (p === 0) return initialRunState("idle");
    let from = 0;
    let state = this.checkpoints.get(0) ?? initialRunState("connecting");
    const cp = Math.floor(p / CHECKPOINT_EVERY) * CHECKPOINT_EVERY;
    const cached = this.checkpoints.get(cp);
    if (cached) {
      from = cp;
      state = cached;
    }
    if (this.last && this.last.position <= p && this.last.position >= from) {
      from = this.last.position;
      state = this.last.state;
    }
    for (let i = from; i < p && i < this.eventCount; i++) {
      state = this.applyFrame(state, i);
      if ((i + 1) % CHECKPOINT_EVERY === 0 && !this.checkpoints.has(i + 1)) this.checkpoints.set(i + 1, state);
    }
    this.last = { position: Math.min(p, this.eventCount), state };
    return p === this.length ? this.finish(state) : state;
  }

  private applyFrame(state: RunState, index: number): RunState {
    const frame = this.frames[index];
    if (!frame || frame.kind !== "event" || !frame.event) return state;
    return applyEvent(state, frame.event, frame.atMs, index);
  }

  /** The recorded ending, applied by the same rule as a live run's (`endRun`). */
  private finish(state: RunState): RunState {
    const ending = recordingEnding(this.recording);
    const last = this.frames[this.length - 1];
    // The answer frame's time is when the whole answer arrived (never before the events that preceded it).
    return endRun(state, ending.kind === "answer" && last?.kind === "http" ? { ...ending, atMs: last.atMs } : ending);
  }
}

/**
 * Where playback is after `elapsedMs` of wall time at `speed`, having started at recorded time `startMs`.
 * Pure: the hook calls it every animation frame.
 */
export function playbackPosition(track: ReplayTrack, startMs: number, elapsedMs: number, speed: ReplaySpeed): number {
  if (speed === "instant") return track.length;
  return track.positionAt(startMs + Math.max(0, elapsedMs) * speed);
}

/** A short description of the frame that leads to `position` (for the "now showing" line of the controls). */
export function frameAt(track: ReplayTrack, position: number): ReplayFrame | null {
  const p = track.clamp(position);
  return p === 0 ? null : (track.frames[p - 1] ?? null);
}
