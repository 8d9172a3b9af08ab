"use client";

import { useEffect } from "react";
import { explainEventType } from "@/lib/responses/events";
import { frameAt, REPLAY_SPEEDS, speedLabel, type ReplaySpeed } from "@/lib/share/replay";
import type { ReplayApi } from "./use-replay";

function formatMs(ms: number): string {
  return ms >= 10_000 ? `${(ms / 1000).toFixed(1)} s` : ms >= 1000 ? `${(ms / 1000).toFixed(2)} s` : `${Math.round(ms)} ms`;
}

const button =
  "inline-flex h-8 items-center justify-center gap-1.5 rounded-md border px-2.5 text-sm font-medium focus-visible:outline-2 focus-visible:outline-offset-1 focus-visible:outline-blue-600 disabled:cursor-not-allowed disabled:opacity-40";

function PlayIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
      <path d="M4 2.5v11l9-5.5z" />
    </svg>
  );
}
function PauseIcon() {
  return (
    <svg aria-hidden="true" viewBox="0 0 16 16" className="h-3.5 w-3.5 fill-current">
      <path d="M3.5 2.5h3v11h-3zM9.5 2.5h3v11h-3z" />
    </svg>
  );
}

/** The timeline's one-line explanation, plus the two wire records that are not events. */
function explain(type: string): string {
  if (type === "[DONE]")
    return "An end-of-stream marker some gateways add (Chat Completions style); the Responses API ends with response.completed instead.";
  if (type === "(unreadable event)")
    return "A server-sent record whose data was not valid JSON; it is kept as received and changes nothing.";
  return explainEventType(type);
}

function isTyping(target: EventTarget | null): boolean {
  if (!(target instanceof HTMLElement)) return false;
  return target.isContentEditable || ["INPUT", "SELECT", "TEXTAREA", "BUTTON", "A"].includes(target.tagName);
}

/**
 * Play / Pause, step back and forward one event, speed (0.25× to 4×, or instant), and a scrub slider. Keyboard:
 * Space plays or pauses, ← and → step, when the focus is not on a control.
 */
export function ReplayControls({ replay }: { replay: ReplayApi }) {
  const { position, length, playing, speed, track } = replay;

  useEffect(() => {
    const onKey = (e: KeyboardEvent) => {
      if (e.defaultPrevented || e.altKey || e.ctrlKey || e.metaKey || isTyping(e.target)) return;
      if (e.key === " ") replay.toggle();
      else if (e.key === "ArrowRight") replay.step(1);
      else if (e.key === "ArrowLeft") replay.step(-1);
      else return;
      e.preventDefault();
    };
    window.addEventListener("keydown", onKey);
    return () => window.removeEventListener("keydown", onKey);
  }, [replay]);

  const frame = track ? frameAt(track, position) : null;
  const atEnd = length > 0 && position >= length;

  return (
    <div className="flex flex-col gap-2 rounded-lg border border-slate-200 bg-white p-2.5 shadow-sm">
      <div role="group" aria-label="Replay controls" className="flex flex-wrap items-center gap-2">
        <button
          type="button"
          onClick={replay.toggle}
          disabled={length === 0}
          aria-keyshortcuts="Space"
          className={`${button} w-24 border-slate-900 bg-slate-900 text-white hover:bg-slate-700`}
        >
          {playing ? <PauseIcon /> : <PlayIcon />}
          {playing ? "Pause" : atEnd ? "Replay" : "Play"}
        </button>
        <button
          type="button"
          onClick={() => replay.step(-1)}
          disabled={position === 0}
          aria-label="Step back"
          title="Previous event (←)"
          aria-keyshortcuts="ArrowLeft"
          className={`${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}
        >
          ‹
        </button>
        <button
          type="button"
          onClick={() => replay.step(1)}
          disabled={atEnd || length === 0}
          title="Next event (→)"
          aria-keyshortcuts="ArrowRight"
          className={`${button} border-slate-300 bg-white text-slate-700 hover:bg-slate-50`}
        >
          Step ›
        </button>
        <label className="flex items-center gap-1.5 text-xs text-slate-600">
          Speed
          <select
            value={String(speed)}
            onChange={(e) => replay.setSpeed((e.target.value === "instant" ? "instant" : Number(e.target.value)) as ReplaySpeed)}
            className="h-8 rounded-md border border-slate-300 bg-white px-1.5 text-sm text-slate-800"
          >
            {REPLAY_SPEEDS.map((s) => (
              <option key={String(s)} value={String(s)}>
                {speedLabel(s)}
              </option>
            ))}
          </select>
        </label>
        <input
          type="range"
          aria-label="Scrub"
          min={0}
          max={length}
          step={1}
          value={position}
          disabled={length === 0}
          onChange={(e) => replay.seek(Number(e.target.value))}
          aria-valuetext={`Event ${position} of ${length}`}
          className="h-8 min-w-40 flex-1 accent-slate-900"
        />
        <span className="whitespace-nowrap font-mono text-xs tabular-nums text-slate-600">
          <span data-testid="replay-position">
            {position} / {length}
          </span>
          <span className="text-slate-400"> · {formatMs(replay.timeMs)}</span>
          {track ? <span className="text-slate-400"> of {formatMs(track.durationMs)}</span> : null}
        </span>
      </div>
      <p aria-live="polite" data-testid="replay-now" className="min-h-[2.5rem] text-xs leading-5 text-slate-600">
        {frame === null ? (
          <>Press Play to watch the recorded run stream again, or Step through it one event at a time. Nothing is sent; no key is needed.</>
        ) : frame.kind === "event" ? (
          <>
            <span className="font-mono font-medium text-slate-900">{frame.record.type}</span>
            <span className="text-slate-400">
              {" "}
              · event {position} · +{formatMs(frame.atMs)}
            </span>
            <br />
            {explain(frame.record.type)}
          </>
        ) : (
          <>
            <span className="font-mono font-medium text-slate-900">HTTP {frame.status}</span>
            <span className="text-slate-400"> · +{formatMs(frame.atMs)}</span>
            <br />
            {frame.status < 300
              ? "The whole answer arrived at once as one JSON response (stream was off)."
              : "The server refused the request before streaming anything."}
          </>
        )}
      </p>
    </div>
  );
}
