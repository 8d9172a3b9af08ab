/**
 * The one detector for "this answer is a web page, not an API response" (a gateway's login or error page, a wrong
 * base URL), used by the proxy (`lib/upstream/forward.ts`), the run's ending rule (`lib/run/ending.ts`) and the
 * reducer's HTTP-error words. Isomorphic, no dependencies.
 */

/** The words the page shows when a gateway or a wrong base URL answers with a web page. */
export const HTML_ANSWER = "the upstream answered with an HTML page, not an API response";

const HTML_START = /^\s*<(!doctype|html|head|body)/i;
const HTML_CLOSING = /<\/(html|body|title|h1)>/i;

/**
 * True when `text` (a body, or its first bytes) is an HTML page: an `html` content type, a leading document tag, or
 * a closing page tag further in (error pages that start with a comment or whitespace junk).
 */
export function looksLikeHtml(text: string, contentType?: string | null): boolean {
  if (contentType && /html/i.test(contentType)) return true;
  return HTML_START.test(text) || HTML_CLOSING.test(text);
}

/** Markup worth turning into words: an HTML page, or an XML error document (`<?xml …`). */
export function looksLikeMarkup(text: string): boolean {
  return looksLikeHtml(text) || /^\s*<\?xml/i.test(text);
}

function decodeEntities(text: string): string {
  return text
    .replace(/&nbsp;/gi, " ")
    .replace(/&lt;/gi, "<")
    .replace(/&gt;/gi, ">")
    .replace(/&quot;/gi, '"')
    .replace(/&#39;|&apos;/gi, "'")
    .replace(/&#(\d+);/g, (_, n: string) => String.fromCodePoint(Number(n)))
    .replace(/&amp;/gi, "&");
}

/** Plain text from an HTML error page: its <title> (plus the first heading when it adds something), else its text. */
export function textFromHtml(html: string): string {
  const title = /<title[^>]*>([\s\S]*?)<\/title>/i.exec(html)?.[1];
  const heading = /<h1[^>]*>([\s\S]*?)<\/h1>/i.exec(html)?.[1];
  const clean = (s: string) =>
    decodeEntities(s.replace(/<[^>]*>/g, " "))
      .replace(/\s+/g, " ")
      .trim();
  const t = title ? clean(title) : "";
  const h = heading ? clean(heading) : "";
  if (t && h && !t.includes(h) && !h.includes(t)) return `${t}: ${h}`;
  if (t || h) return t || h;
  return clean(html.replace(/<(script|style)[^>]*>[\s\S]*?<\/\1>/gi, " "));
}
