import type { Context } from "hono";
import { deleteCookie, getCookie, setCookie } from "hono/cookie";

const name = (base: string, secure: boolean) => (secure ? `__Host-${base}` : base);

export const SESSION_COOKIE = "dynamo_session";
export const VISITOR_COOKIE = "dynamo_visitor";

export function readSessionCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, name(SESSION_COOKIE, secure));
}

/** The session token for a browser: HttpOnly, SameSite=Lax, Secure over https, gone with the token. */
export function writeSessionCookie(c: Context, secure: boolean, token: string, expires: Date): void {
  setCookie(c, name(SESSION_COOKIE, secure), token, { path: "/", httpOnly: true, sameSite: "Lax", secure, expires });
}

export function clearSessionCookie(c: Context, secure: boolean): void {
  deleteCookie(c, name(SESSION_COOKIE, secure), { path: "/", secure });
}

export function readVisitorCookie(c: Context, secure: boolean): string | undefined {
  return getCookie(c, name(VISITOR_COOKIE, secure));
}

/** A random value naming a visitor without a session, so that their forms can carry a CSRF token. */
export function writeVisitorCookie(c: Context, secure: boolean, value: string): void {
  setCookie(c, name(VISITOR_COOKIE, secure), value, { path: "/", httpOnly: true, sameSite: "Lax", secure });
}
