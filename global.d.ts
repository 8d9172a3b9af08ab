import type { Locale } from "@/i18n/locale";
import type messages from "./messages/en.json";

// Typed keys: a `t("…")` call with a key missing from the English catalog fails `tsc`.
declare module "next-intl" {
  interface AppConfig {
    Locale: Locale;
    Messages: typeof messages;
  }
}
