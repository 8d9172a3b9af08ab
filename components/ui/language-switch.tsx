"use client";

import { useLocale, useTranslations } from "next-intl";
import { useRouter } from "next/navigation";
import { useTransition } from "react";
import { isLocale, localeCookie, locales } from "@/i18n/locale";

/** The interface language: remembered in the `locale` cookie, applied by re-rendering the server components. */
export function LanguageSwitch() {
  const t = useTranslations("language");
  const locale = useLocale();
  const router = useRouter();
  const [pending, startTransition] = useTransition();
  return (
    <select
      aria-label={t("label")}
      value={locale}
      disabled={pending}
      onChange={(e) => {
        const next = e.target.value;
        if (!isLocale(next)) return;
        document.cookie = `${localeCookie}=${next}; path=/; max-age=31536000; samesite=lax`;
        startTransition(() => router.refresh());
      }}
      className="rounded-md border border-slate-300 bg-white px-1.5 py-1 text-xs text-slate-700"
    >
      {locales.map((l) => (
        <option key={l} value={l} lang={l}>
          {t(`name.${l}`)}
        </option>
      ))}
    </select>
  );
}
