import { z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { NodeEnv, TenantEnv } from "./env.ts";
import { problem } from "./problem.tsx";
import { toFieldErrors } from "./validation.ts";

/** Characters no single-line text has any business holding: C0 controls (line breaks too) and DEL. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const SINGLE_LINE_CONTROL = /[\u0000-\u001f\u007f]/;
/** In a multi-line text, the controls but tab and line breaks. */
// biome-ignore lint/suspicious/noControlCharactersInRegex: matching control characters is the point
const MULTI_LINE_CONTROL = /[\u0000-\u0008\u000b\u000c\u000e-\u001f\u007f]/;

/**
 * The fields a page form is made of, for its zod schema: a form sends text only; an absent field
 * is empty, a field sent twice where one is expected is malformed, and control characters are
 * refused where they have no business.
 */
export const formField = {
  /** One line of text (a name, an email, a choice). */
  line: (max = 500) =>
    z
      .string()
      .max(max)
      .refine((value) => !SINGLE_LINE_CONTROL.test(value), { message: "control characters are not allowed" })
      .default(""),
  /** Several lines of text (a description, a rationale). */
  lines: (max = 20_000) =>
    z
      .string()
      .max(max)
      .refine((value) => !MULTI_LINE_CONTROL.test(value), { message: "control characters are not allowed" })
      .default(""),
  /** A secret as typed (a password): any character but NUL, never trimmed. */
  secret: (max = 1024) =>
    z
      .string()
      .max(max)
      .refine((value) => !value.includes("\u0000"), { message: "control characters are not allowed" })
      .default(""),
  /** A repeated field (checkboxes): none, one or several values, each one line. */
  choices: (max = 100) =>
    z.preprocess(
      (value) => (value === undefined ? [] : Array.isArray(value) ? value : [value]),
      z
        .array(
          z
            .string()
            .max(500)
            .refine((value) => !SINGLE_LINE_CONTROL.test(value), { message: "control characters are not allowed" }),
        )
        .max(max),
    ),
};

/**
 * Reads and checks a page form with its zod schema: the parsed values, or the answer to give (a
 * 400 problem naming each field, a translated page for a browser), with nothing changed.
 */
export async function parseForm<S extends z.ZodType, E extends TenantEnv | NodeEnv = TenantEnv>(
  c: Context<E>,
  schema: S,
): Promise<{ ok: true; value: z.infer<S> } | { ok: false; response: Response }> {
  const body = await c.req.parseBody({ all: true });
  const files = Object.entries(body).filter(([, value]) =>
    (Array.isArray(value) ? value : [value]).some((v) => typeof v !== "string"),
  );
  if (files.length > 0) {
    return {
      ok: false,
      response: problem(c, "validation", {
        errors: files.map(([name]) => ({
          field: name,
          pointer: `/${name}`,
          code: "invalid_type",
          message: "text expected",
        })),
      }),
    };
  }
  const parsed = schema.safeParse(body);
  if (parsed.success) return { ok: true, value: parsed.data };
  return {
    ok: false,
    response: problem(c, "validation", { errors: toFieldErrors(parsed.error.issues, c.get("locale")) }),
  };
}
