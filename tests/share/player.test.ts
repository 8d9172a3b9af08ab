import { describe, expect, it } from "vitest";
import { outputText } from "@/lib/responses/run-state";
import { ReplayPlayer } from "@/lib/share/player";
import { ReplayTrack } from "@/lib/share/replay";
import { recordLocalRun } from "./helpers";

/** A hand-cranked clock and frame scheduler: each `frame()` advances the clock and runs the pending callback. */
function manualFrames() {
  let clock = 0;
  let pending: (() => void) | null = null;
  return {
    options: {
      now: () => clock,
      scheduleFrame: (cb: () => void) => {
        pending = cb;
        return () => {
          if (pending === cb) pending = null;
        };
      },
    },
    frame(ms: number) {
      clock += ms;
      const cb = pending;
      pending = null;
      cb?.();
    },
    get waiting() {
      return pending !== null;
    },
  };
}

describe("replay player (lib/share/player.ts)", () => {
  it("plays to the end by recorded time, publishing as it goes, and ends with the recorded ending", async () => {
    const { recording } = await recordLocalRun({ model: "local-echo-1", input: "Play me back", stream: true }, 0);
    const frames = manualFrames();
    const player = new ReplayPlayer(new ReplayTrack(recording), frames.options);
    let notified = 0;
    player.subscribe(() => notified++);
    expect(player.getSnapshot()).toMatchObject({ position: 0, playing: false, ending: null });
    player.play();
    expect(player.getSnapshot().playing).toBe(true);
    for (let i = 0; i < 1000 && frames.waiting; i++) frames.frame(50);
    const end = player.getSnapshot();
    expect(end).toMatchObject({ playing: false, position: end.length, ending: { kind: "stream_end" } });
    expect(end.state.status).toBe("completed");
    expect(outputText(end.state)).toContain("Play me back");
    expect(player.log.length).toBe(player.track?.eventCount);
    expect(notified).toBeGreaterThan(1);
  });

  it("seek back rebuilds the log; step moves one frame and pauses; instant jumps to the end", async () => {
    const { recording } = await recordLocalRun({ model: "local-echo-1", input: "Scrub", stream: true }, 0);
    const player = new ReplayPlayer(new ReplayTrack(recording), manualFrames().options);
    player.seek(5);
    expect(player.log.length).toBe(5);
    player.seek(2);
    expect(player.log.length).toBe(2);
    player.step();
    expect(player.getSnapshot()).toMatchObject({ position: 3, playing: false });
    player.setSpeed("instant");
    player.play();
    expect(player.getSnapshot()).toMatchObject({ playing: false, position: player.getSnapshot().length });
  });

  it("no recording: an idle run that cannot play", () => {
    const player = new ReplayPlayer(null);
    player.play();
    expect(player.getSnapshot()).toMatchObject({ playing: false, length: 0, state: { status: "idle" } });
  });
});
