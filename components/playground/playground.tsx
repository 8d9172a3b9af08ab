"use client";

import { useTranslations } from "next-intl";
import { lazy, Suspense, useMemo, useState } from "react";
import { Composer, type Upstream } from "@/components/composer/composer";
import { useComposerState } from "@/components/composer/use-composer-state";
import { usePersistentState } from "@/components/composer/use-persistent-state";
import { ConversationView } from "@/components/conversation/conversation-view";
import { ShareButton } from "@/components/share/share-button";
import { BackgroundRun } from "@/components/stream/background-run";
import { EventTimeline } from "@/components/stream/event-timeline";
import { usePreloadMarkdown } from "@/components/stream/lazy-markdown";
import { StatusBadge } from "@/components/stream/run-summary";
import { useLinkedSelection } from "@/components/stream/use-linked-selection";
import { useResponseRun } from "@/components/stream/use-response-run";
import { DialogButton } from "@/components/ui/dialog-button";
import { LanguageSwitch } from "@/components/ui/language-switch";
import { callerHeaders, useCallerSettings } from "@/components/settings/caller-settings";
import type { Preset } from "@/lib/presets";
import { recordingFromRun } from "@/lib/share/recording";

// Dialog contents load when their dialog first opens: nobody needs them (or the presets' bundled files, or the
// code generators) for the first paint.
const CodeExport = lazy(() => import("@/components/share/code-export").then((m) => ({ default: m.CodeExport })));
const CompareView = lazy(() => import("@/components/compare/compare-view").then((m) => ({ default: m.CompareView })));
const PresetList = lazy(() => import("@/components/presets/preset-list").then((m) => ({ default: m.PresetList })));
const PriceEditor = lazy(() => import("@/components/settings/price-editor").then((m) => ({ default: m.PriceEditor })));
const SettingsForm = lazy(() => import("@/components/settings/settings-form").then((m) => ({ default: m.SettingsForm })));
function Loading() {
  const t = useTranslations("playground");
  return <p className="text-sm text-slate-500">{t("loading")}</p>;
}
const loading = <Loading />;

export interface ServerUpstream {
  kind: "openai" | "local";
  host: string | null;
  /** The server's OPENAI_BASE_URL (not a secret), for code export; null when it is OpenAI's own. */
  baseUrl: string | null;
}

function isUpstream(v: unknown): v is Upstream {
  return v === "server" || v === "local";
}

export function Playground({ serverUpstream }: { serverUpstream: ServerUpstream }) {
  // The upstream choice is not part of the request body, so it is kept apart from it.
  const [upstream, setUpstream] = usePersistentState<Upstream>("rp.upstream.v1", "server", isUpstream);
  const t = useTranslations("playground");
  const composer = useComposerState();
  const runner = useResponseRun();
  usePreloadMarkdown();
  const { state, log, run, stop, busy } = runner;
  const links = useLinkedSelection(state, log);
  const [presetBusy, setPresetBusy] = useState<string | null>(null);
  const [presetError, setPresetError] = useState<string | null>(null);
  const caller = useCallerSettings();
  // The caller's own key and base URL (Settings) go with every request, except to the local engine.
  const upstreamHeaders = useMemo<Record<string, string>>(
    () => (upstream === "local" ? { "x-playground-upstream": "local" } : callerHeaders(caller.settings)),
    [upstream, caller.settings],
  );
  const callerKey = upstream !== "local" && caller.settings.apiKey !== "";
  const usingLocal = !callerKey && (serverUpstream.kind === "local" || upstream === "local");
  const badgeHost = callerKey
    ? t("yourKey", { host: hostOf(caller.settings.baseUrl) ?? serverUpstream.host ?? "OpenAI" })
    : serverUpstream.host;

  // The recording of the last run, offered by Share only when the composer still holds that run's request.
  const sent = runner.request;
  // Built when Share opens, not when the run ends: a long run's recording is tens of thousands of events.
  const recording = useMemo(() => {
    if (!sent || busy || state.status === "idle") return null;
    return () =>
      JSON.stringify(sent.body) === JSON.stringify(composer.body)
        ? recordingFromRun({ request: sent.body, records: log.slice(), state, ending: runner.ending })
        : null;
  }, [sent, busy, state, log, composer.body, runner.ending]);

  const exportBaseUrl = usingLocal
    ? typeof window === "undefined"
      ? undefined
      : `${window.location.origin}/api/local/v1`
    : (serverUpstream.baseUrl ?? undefined);

  async function loadPreset(preset: Preset, close: () => void) {
    setPresetBusy(preset.id);
    setPresetError(null);
    try {
      // File search presets upload their file and build a vector store first, on the same upstream.
      const { preparePreset } = await import("@/lib/presets");
      const prepared = await preparePreset(preset, { baseUrl: "/api/v1", headers: upstreamHeaders });
      composer.setBody(prepared.body);
      close();
    } catch (error) {
      setPresetError(error instanceof Error ? error.message : String(error));
    } finally {
      setPresetBusy(null);
    }
  }

  return (
    <div className="flex h-dvh flex-col">
      <header className="flex items-center justify-between gap-3 border-b border-slate-200 bg-white px-4 py-2">
        <div className="flex min-w-0 items-baseline gap-3">
          <h1 className="text-base font-semibold">{t("title")}</h1>
          <span className="hidden text-xs text-slate-500 sm:inline">POST /v1/responses</span>
        </div>
        <div className="flex items-center gap-2">
          <DialogButton label={t("presets")} title={t("presetsTitle")}>
            {(close) => (
              <div className="flex flex-col gap-3">
                {presetError ? (
                  <p role="alert" className="rounded-md border border-red-200 bg-red-50 px-3 py-2 text-sm text-red-900">
                    {t("presetError", { error: presetError })}
                  </p>
                ) : null}
                <Suspense fallback={loading}>
                  <PresetList onLoad={(p) => void loadPreset(p, close)} busyId={presetBusy} />
                </Suspense>
              </div>
            )}
          </DialogButton>
          <DialogButton label={t("compare")} title={t("compareTitle")} width={1400}>
            {() => (
              <Suspense fallback={loading}>
                <CompareView body={composer.body} headers={upstreamHeaders} />
              </Suspense>
            )}
          </DialogButton>
          <DialogButton label={t("code")} title={t("codeTitle")} width={820}>
            {() => (
              <Suspense fallback={loading}>
                <CodeExport body={composer.body} baseUrl={exportBaseUrl} />
              </Suspense>
            )}
          </DialogButton>
          <ShareButton request={composer.body} recording={recording} defaultTitle={defaultTitle(composer.body)} />
          <DialogButton label={t("settings")} title={t("settingsTitle")} width={520}>
            {(close) => (
              <Suspense fallback={loading}>
                <SettingsForm value={caller.settings} onSave={caller.save} onClose={close} />
                <PriceEditor />
              </Suspense>
            )}
          </DialogButton>
          <span
            data-testid="upstream-badge"
            className={`rounded-full px-2 py-0.5 text-xs font-medium ${usingLocal ? "bg-emerald-100 text-emerald-800" : "bg-indigo-100 text-indigo-800"}`}
            title={usingLocal ? t("badgeLocalTitle") : callerKey ? t("badgeCallerTitle") : t("badgeServerTitle")}
          >
            {usingLocal ? t("localEngine") : badgeHost}
          </span>
          <LanguageSwitch />
        </div>
      </header>

      <main className="grid min-h-0 flex-1 grid-cols-1 gap-3 overflow-auto p-3 lg:grid-cols-[440px_minmax(0,1fr)_380px] lg:overflow-hidden">
        <section
          aria-label={t("request")}
          className="flex min-h-[600px] flex-col overflow-hidden rounded-lg border border-slate-200 bg-white lg:min-h-0"
        >
          {composer.loaded ? (
            <Composer
              body={composer.body}
              onChange={composer.update}
              issues={composer.issues}
              onRun={(body) => void run(body, { headers: upstreamHeaders })}
              onStop={stop}
              busy={busy}
              upstream={upstream}
              onUpstream={setUpstream}
              serverUpstream={serverUpstream}
              upstreamHeaders={upstreamHeaders}
              saveError={composer.saveError}
            />
          ) : (
            <p className="p-4 text-sm text-slate-500">{t("loadingDraft")}</p>
          )}
        </section>

        <section
          aria-label={t("output")}
          className="flex min-h-0 flex-col gap-3 overflow-auto rounded-lg border border-slate-200 bg-white p-4"
        >
          <div className="flex items-center justify-between gap-4">
            <h2 className="text-sm font-semibold text-slate-700">{t("output")}</h2>
            <div className="flex min-w-0 items-center gap-2 text-xs text-slate-500">
              {state.responseId ? (
                <span data-testid="response-id" className="min-w-0 truncate font-mono" title={t("responseId")}>
                  {state.responseId}
                </span>
              ) : null}
              {state.model ? <span className="shrink-0 font-mono">{state.model}</span> : null}
              <StatusBadge status={state.status} />
            </div>
          </div>
          {sent?.body.background === true && state.responseId ? (
            <BackgroundRun
              key={state.responseId}
              responseId={state.responseId}
              status={state.status}
              headers={sent.headers}
              options={sent.body.background_options}
            />
          ) : null}
          <ConversationView
            runner={runner}
            links={{ highlightedKey: links.highlightedKey, eventsShownKey: links.eventsShownKey, onShowEvents: links.showEventsOf }}
          />
        </section>

        <section
          aria-label={t("events")}
          className="flex min-h-[420px] flex-col gap-2 rounded-lg border border-slate-200 bg-white p-4 lg:min-h-0"
        >
          <div className="flex items-center justify-between">
            <h2 className="text-sm font-semibold text-slate-700">{t("events")}</h2>
            <span className="text-xs text-slate-500">{state.eventCount > 0 ? t("eventCount", { count: state.eventCount }) : null}</span>
          </div>
          <EventTimeline
            log={log}
            selected={links.selectedEvent}
            onSelect={links.selectEvent}
            itemFilter={links.itemFilter}
            onClearItemFilter={links.clearItemFilter}
          />
        </section>
      </main>
    </div>
  );
}

/** A title for Share: the start of the first text the user wrote. */
function defaultTitle(body: Record<string, unknown>): string {
  const input = body.input;
  let text = "";
  if (typeof input === "string") text = input;
  else if (Array.isArray(input)) {
    for (const item of input as Array<{ content?: unknown }>) {
      const c = item?.content;
      if (typeof c === "string") text = c;
      else if (Array.isArray(c)) text = (c as Array<{ text?: unknown }>).map((p) => (typeof p?.text === "string" ? p.text : "")).join(" ");
      if (text.trim()) break;
    }
  }
  text = text.trim().replace(/\s+/g, " ");
  return text.length > 60 ? `${text.slice(0, 57)}…` : text;
}

function hostOf(url: string): string | null {
  if (!url) return null;
  try {
    return new URL(url).host;
  } catch {
    return null;
  }
}
