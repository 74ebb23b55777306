import { createMiddleware } from "hono/factory";
import type { NodeEnv } from "../env.ts";
import { type FieldError, problem } from "../problem.tsx";

/**
 * Characters no field of ours may hold: NUL and the other C0 controls except tab and line
 * breaks, DEL, and the bidirectional overrides and isolates that let a name display as
 * another (U+202A–U+202E, U+2066–U+2069).
 */
// biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
const FORBIDDEN = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f\u202a-\u202e\u2066-\u2069]/;

/**
 * Fields that are one line by nature, wherever they appear (a key of the path, or a form field's
 * first part: `title.fr`): a line break there is refused too. Texts (descriptions, bodies,
 * rationales, syntheses) keep theirs. Query parameters are all one line (but `next`, a redirect
 * target, which sameOriginPath reads: anything odd there leads to the home page).
 */
const SINGLE_LINE_FIELDS = new Set([
  "email",
  "password",
  "currentPassword",
  "newPassword",
  "name",
  "names",
  "displayName",
  "title",
  "titles",
  "label",
  "labels",
  "host",
  "hosts",
  "slug",
  "city",
  "country",
  "countryCode",
  "regionCode",
  "timezone",
  "timeZone",
  "locale",
  "role",
  "roles",
]);
const LINE_BREAK = /[\r\n\u2028\u2029]/;
const isSingleLine = (path: readonly (string | number)[]) =>
  path.some((segment) => typeof segment === "string" && SINGLE_LINE_FIELDS.has(segment));

const JSON_TYPE = /^application\/(?:[\w.+-]+\+)?json\s*(?:;|$)/i;
const FORM_TYPE = /^(?:application\/x-www-form-urlencoded|multipart\/form-data)\s*(?:;|$)/i;

const pointerOf = (path: readonly (string | number)[]) =>
  `/${path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`;

type Bad = { path: (string | number)[]; code: "control_character" | "line_break" };

/** Every string in a JSON value holding a forbidden character, or a line break in a one-line field, by its path. */
function* badStrings(value: unknown, path: (string | number)[] = []): Generator<Bad> {
  if (typeof value === "string") {
    if (FORBIDDEN.test(value)) yield { path, code: "control_character" };
    else if (LINE_BREAK.test(value) && isSingleLine(path)) yield { path, code: "line_break" };
  } else if (Array.isArray(value)) {
    for (const [index, item] of value.entries()) yield* badStrings(item, [...path, index]);
  } else if (value !== null && typeof value === "object") {
    for (const [key, item] of Object.entries(value)) {
      if (FORBIDDEN.test(key) || LINE_BREAK.test(key)) yield { path: [...path, key], code: "control_character" };
      else yield* badStrings(item, [...path, key]);
    }
  }
}

function safeDecode(text: string): string {
  try {
    return decodeURIComponent(text);
  } catch {
    return text;
  }
}

/**
 * Refuses, before any route reads it, a request whose path, query or body (JSON or form) holds a
 * control character: a 400 problem naming each field, and nothing changed. The database would
 * refuse a NUL anyway, as a 500; a right-to-left override in a name would display it as another.
 * Federation's routes are left to their own checks (their bodies are signed, and read as bytes).
 */
export const refuseControlCharacters = createMiddleware<NodeEnv>(async (c, next) => {
  if (c.req.path.startsWith("/ap/") || c.req.path.startsWith("/.well-known/")) return next();
  const errors: FieldError[] = [];
  const field = (name: string, pointer: string, code: Bad["code"] = "control_character") =>
    errors.push({
      field: name,
      pointer,
      code,
      message: c.get("t")(code === "line_break" ? "problem.lineBreak" : "problem.controlCharacter"),
    });
  const url = new URL(c.req.url);
  if (FORBIDDEN.test(safeDecode(url.pathname))) field("path", "");
  for (const [name, value] of url.searchParams) {
    if (FORBIDDEN.test(name) || FORBIDDEN.test(value)) field(name, `/${name}`);
    // A redirect target is parsed on its own (sameOriginPath): anything odd there sends home.
    else if (name !== "next" && (LINE_BREAK.test(name) || LINE_BREAK.test(value)))
      field(name, `/${name}`, "line_break");
  }
  if (["POST", "PUT", "PATCH"].includes(c.req.method)) {
    const type = c.req.header("content-type") ?? "";
    if (JSON_TYPE.test(type)) {
      const text = await c.req.raw.clone().text();
      let body: unknown;
      try {
        body = JSON.parse(text);
      } catch {
        body = undefined; // not JSON: the route's validator says so
      }
      for (const bad of badStrings(body)) field(bad.path.map(String).join("."), pointerOf(bad.path), bad.code);
    } else if (FORM_TYPE.test(type)) {
      const form = await c.req.raw.clone().formData();
      for (const [name, value] of form) {
        if (FORBIDDEN.test(name) || (typeof value === "string" && FORBIDDEN.test(value))) field(name, `/${name}`);
        else if (typeof value === "string" && LINE_BREAK.test(value) && isSingleLine(name.split(".")))
          field(name, `/${name}`, "line_break");
      }
    }
  }
  if (errors.length > 0) return problem(c, "validation", { errors });
  await next();
});

/**
 * A redirect target from a request (`next`) as a path on this node, or "/": no scheme, no host,
 * no scheme-relative `//` or `/\`, no control character (a browser drops a tab or a line break
 * and reads `/\t/evil.example` as `//evil.example`), and still on this node once resolved.
 */
export function sameOriginPath(next: string | undefined): string {
  // biome-ignore lint/suspicious/noControlCharactersInRegex: finding control characters is the point
  if (next === undefined || !next.startsWith("/") || /[\\\u0000-\u001f\u007f]/.test(next)) return "/";
  if (next.startsWith("//")) return "/";
  const base = "http://node.invalid";
  let resolved: URL;
  try {
    resolved = new URL(next, base);
  } catch {
    return "/";
  }
  if (resolved.origin !== base) return "/";
  return `${resolved.pathname}${resolved.search}${resolved.hash}`;
}
