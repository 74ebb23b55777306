import { isLocale, type Locale, negotiateLocale } from "@dynamo/core";
import { createTranslator } from "@dynamo/ui";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createMiddleware } from "hono/factory";
import type { NodeEnv } from "../env.ts";
import { sameOriginPath } from "./control-characters.ts";

export const LOCALE_COOKIE = "lang";

/**
 * The visitor's language: their choice (cookie) beats Accept-Language, which beats the
 * tenant's default. Sets the translator for pages and problem titles.
 */
export const negotiateLocaleMiddleware = createMiddleware<NodeEnv>(async (c, next) => {
  applyLocale(c);
  await next();
  c.header("Content-Language", c.get("locale"), { append: false });
  c.header("Vary", "Accept-Language, Cookie", { append: true });
});

/** Sets the request's locale and translator; called again once the tenant (and its default) is known. */
export function applyLocale(c: Context<NodeEnv>): void {
  const locale = negotiateLocale({
    choice: getCookie(c, LOCALE_COOKIE),
    acceptLanguage: c.req.header("accept-language"),
    fallback: c.get("tenant")?.defaultLocale,
  });
  c.set("locale", locale);
  c.set("t", createTranslator(c.get("site").catalogs, locale));
}

/** The language the visitor chose with the language links (their cookie), if any. */
export function chosenLocale(c: Context): Locale | undefined {
  const choice = getCookie(c, LOCALE_COOKIE);
  return choice !== undefined && isLocale(choice) ? choice : undefined;
}

/** Only a same-site path may be a redirect target: no scheme, no host, no "//". */
export function safeLocalPath(next: string | undefined): string {
  return sameOriginPath(next);
}

/** Remembers a language choice for a year; the language links of every page lead here. */
export function rememberLocale(c: Parameters<typeof setCookie>[0], locale: string, secure: boolean): boolean {
  if (!isLocale(locale)) return false;
  setCookie(c, LOCALE_COOKIE, locale, {
    path: "/",
    maxAge: 365 * 24 * 3600,
    sameSite: "Lax",
    httpOnly: true,
    secure,
  });
  return true;
}
