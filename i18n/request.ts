import { cookies, headers } from "next/headers";
import { getRequestConfig } from "next-intl/server";
import { isLocale, localeCookie, localeFromAcceptLanguage } from "./locale";

/** The locale of this request: the `locale` cookie (set by the language switch), else Accept-Language, else English. */
export default getRequestConfig(async () => {
  const cookie = (await cookies()).get(localeCookie)?.value;
  const locale = isLocale(cookie) ? cookie : localeFromAcceptLanguage((await headers()).get("accept-language"));
  const messages = (await (locale === "zh-CN" ? import("../messages/zh-CN.json") : import("../messages/en.json"))).default;
  return { locale, messages };
});
