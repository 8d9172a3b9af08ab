"use client";

import type { ResponseComputerToolCall } from "openai/resources/responses/responses";
import { Field } from "./shared";

type Action = Record<string, unknown> & { type?: string };

const DEFAULT_DISPLAY = { width: 1024, height: 768 };

const num = (v: unknown): number | null => (typeof v === "number" && Number.isFinite(v) ? v : null);

function describe(action: Action): string {
  const at = num(action.x) !== null && num(action.y) !== null ? ` at (${action.x}, ${action.y})` : "";
  switch (action.type) {
    case "click":
      return `${String(action.button ?? "left")} click${at}`;
    case "double_click":
      return `double click${at}`;
    case "move":
      return `move the pointer${at}`;
    case "drag":
      return `drag along ${Array.isArray(action.path) ? action.path.length : 0} points`;
    case "scroll":
      return `scroll by (${String(action.scroll_x ?? 0)}, ${String(action.scroll_y ?? 0)})${at}`;
    case "type":
      return `type «${String(action.text ?? "")}»`;
    case "keypress":
      return `press ${Array.isArray(action.keys) ? action.keys.join(" + ") : ""}`;
    case "screenshot":
      return "take a screenshot";
    case "wait":
      return "wait";
    default:
      return String(action.type ?? "unknown action");
  }
}

/** One action drawn in display coordinates (the SVG's viewBox is the display, so it scales with the frame). */
function ActionMark({ action, n, w, h }: { action: Action; n: number | null; w: number; h: number }) {
  const r = Math.max(w, h) / 60;
  const x = num(action.x);
  const y = num(action.y);
  const label = n !== null ? String(n) : null;
  const badge = (bx: number, by: number) =>
    label ? (
      <g>
        <circle cx={bx + r * 1.4} cy={by - r * 1.4} r={r * 0.8} fill="#1e293b" />
        <text x={bx + r * 1.4} y={by - r * 1.4} fontSize={r} fill="white" textAnchor="middle" dominantBaseline="central">
          {label}
        </text>
      </g>
    ) : null;
  switch (action.type) {
    case "click":
    case "double_click":
    case "move": {
      if (x === null || y === null) return null;
      const color = action.type === "move" ? "#0284c7" : action.button === "right" ? "#9333ea" : "#dc2626";
      return (
        <g>
          <line x1={x - r * 2} y1={y} x2={x + r * 2} y2={y} stroke={color} strokeWidth={r / 5} />
          <line x1={x} y1={y - r * 2} x2={x} y2={y + r * 2} stroke={color} strokeWidth={r / 5} />
          <circle cx={x} cy={y} r={r} fill={`${color}33`} stroke={color} strokeWidth={r / 4} />
          {action.type === "double_click" ? <circle cx={x} cy={y} r={r * 1.6} fill="none" stroke={color} strokeWidth={r / 5} /> : null}
          {badge(x, y)}
        </g>
      );
    }
    case "drag": {
      const path = Array.isArray(action.path) ? (action.path as Array<Record<string, unknown>>) : [];
      const points = path.map((p) => [num(p.x), num(p.y)]).filter((p): p is [number, number] => p[0] !== null && p[1] !== null);
      if (points.length === 0) return null;
      const [sx, sy] = points[0]!;
      const [ex, ey] = points[points.length - 1]!;
      return (
        <g>
          <polyline
            points={points.map((p) => p.join(",")).join(" ")}
            fill="none"
            stroke="#ea580c"
            strokeWidth={r / 3}
            strokeDasharray={`${r} ${r / 2}`}
            markerEnd="url(#arrow)"
          />
          <circle cx={sx} cy={sy} r={r * 0.7} fill="#ea580c" />
          <circle cx={ex} cy={ey} r={r * 0.5} fill="none" stroke="#ea580c" strokeWidth={r / 4} />
          {badge(sx, sy)}
        </g>
      );
    }
    case "scroll": {
      if (x === null || y === null) return null;
      const dx = num(action.scroll_x) ?? 0;
      const dy = num(action.scroll_y) ?? 0;
      const len = Math.hypot(dx, dy) || 1;
      const scale = Math.min(h / 4, Math.max(r * 3, len)) / len;
      return (
        <g>
          <circle cx={x} cy={y} r={r * 0.6} fill="#0d9488" />
          <line x1={x} y1={y} x2={x + dx * scale} y2={y + dy * scale} stroke="#0d9488" strokeWidth={r / 3} markerEnd="url(#arrow-teal)" />
          {badge(x, y)}
        </g>
      );
    }
    case "type":
    case "keypress": {
      const text =
        action.type === "type" ? String(action.text ?? "") : Array.isArray(action.keys) ? action.keys.map(String).join(" + ") : "";
      const fs = r * 1.3;
      const bw = Math.min(w * 0.9, Math.max(w * 0.3, text.length * fs * 0.62 + r * 4));
      const bx = (w - bw) / 2;
      const by = h - r * 6;
      return (
        <g>
          <rect
            x={bx}
            y={by}
            width={bw}
            height={r * 3.5}
            rx={r / 2}
            fill="white"
            stroke={action.type === "type" ? "#4f46e5" : "#334155"}
            strokeWidth={r / 5}
          />
          <text
            x={w / 2}
            y={by + r * 1.75}
            fontSize={fs}
            fontFamily="ui-monospace, monospace"
            textAnchor="middle"
            dominantBaseline="central"
            fill="#0f172a"
          >
            {action.type === "type" ? `“${text}”` : text}
          </text>
          {badge(bx + bw - r * 1.4, by + r * 1.4)}
        </g>
      );
    }
    default:
      return (
        <text x={w / 2} y={h / 2} fontSize={r * 2} textAnchor="middle" dominantBaseline="central" fill="#64748b">
          {action.type === "screenshot" ? "[ screenshot ]" : action.type === "wait" ? "… wait" : String(action.type ?? "?")}
        </text>
      );
  }
}

/**
 * A computer-use call: the action (or batched actions) drawn on a frame with the tool's display proportions — click
 * points, drag paths, scroll arrows, typed text and key presses — plus the safety checks that wait for acknowledgement.
 */
export function ComputerCallBody({ item, display }: { item: ResponseComputerToolCall; display: { width: number; height: number } | null }) {
  const raw = item as ResponseComputerToolCall & { actions?: unknown };
  const actions: Action[] = Array.isArray(raw.actions) ? (raw.actions as Action[]) : raw.action ? [raw.action as unknown as Action] : [];
  const { width: w, height: h } = display ?? DEFAULT_DISPLAY;
  const checks = Array.isArray(item.pending_safety_checks) ? item.pending_safety_checks : [];
  return (
    <div className="flex flex-col gap-2 text-sm">
      <figure className="m-0">
        <svg
          viewBox={`0 0 ${w} ${h}`}
          role="img"
          aria-label={`Display ${w}×${h}: ${actions.map(describe).join("; ") || "no action"}`}
          className="block w-full max-w-[400px] rounded-md border border-slate-300 bg-[repeating-linear-gradient(0deg,#f8fafc,#f8fafc_23px,#eef2f7_24px),repeating-linear-gradient(90deg,transparent,transparent_23px,#eef2f7_24px)] [background-blend-mode:multiply]"
        >
          <defs>
            <marker id="arrow" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#ea580c" />
            </marker>
            <marker id="arrow-teal" viewBox="0 0 10 10" refX="8" refY="5" markerWidth="4" markerHeight="4" orient="auto-start-reverse">
              <path d="M 0 0 L 10 5 L 0 10 z" fill="#0d9488" />
            </marker>
          </defs>
          <rect x={0} y={0} width={w} height={h * 0.05} fill="#e2e8f0" />
          {actions.map((a, i) => (
            <ActionMark key={i} action={a} n={actions.length > 1 ? i + 1 : null} w={w} h={h} />
          ))}
        </svg>
        <figcaption className="mt-1 text-[11px] text-slate-500">
          {w}×{h} display{display ? "" : " (assumed; the request had no computer tool)"}
        </figcaption>
      </figure>
      <ol className="flex flex-col gap-0.5 text-xs">
        {actions.map((a, i) => (
          <li key={i} className="font-mono">
            {actions.length > 1 ? `${i + 1}. ` : ""}
            {describe(a)}
          </li>
        ))}
      </ol>
      <Field name="call_id">
        <span className="font-mono">{item.call_id}</span>
      </Field>
      {checks.length > 0 ? (
        <div
          role="note"
          aria-label="Pending safety checks"
          className="rounded-md border border-amber-300 bg-amber-50 px-2 py-1.5 text-xs text-amber-900"
        >
          <div className="font-semibold">Pending safety checks: acknowledge them in the computer_call_output</div>
          <ul className="mt-1 list-disc pl-4">
            {checks.map((c) => (
              <li key={c.id}>
                <span className="font-mono">{c.code ?? c.id}</span>
                {c.message ? `: ${c.message}` : ""}
              </li>
            ))}
          </ul>
        </div>
      ) : null}
    </div>
  );
}
