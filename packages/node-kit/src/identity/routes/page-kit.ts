import { type Action, may, pickLocalized } from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import type { FieldErrorView, FrameProps } from "@dynamo/ui";
import type { Context } from "hono";
import { siteNav } from "../../navigation.ts";
import type { FieldProblem } from "../services/errors.ts";
import { fieldMessage } from "./respond.ts";

export type Frame = Omit<FrameProps, "title" | "children">;

/** What every identity page's frame needs: the site, the navigation the person may use, their account. */
export function pageFrame(c: Context<TenantEnv>, currentPath: string): Frame {
  const { tenant, t, auth } = c.var;
  return {
    t,
    siteName: pickLocalized(tenant.names, t.locale) ?? tenant.slug,
    currentPath,
    nav: siteNav(c, currentPath),
    viewer: auth ? { displayName: auth.person.displayName } : undefined,
    csrfToken: c.var.csrfToken,
  };
}

export function mayDo(c: Context<TenantEnv>, action: Action): boolean {
  return may(c.var.principal, action, c.var.tenant).allowed;
}

/** A server-rendered page; pages with a person's data are never cached by a shared cache. */
export function renderPage(
  c: Context<TenantEnv>,
  page: unknown,
  status: 200 | 201 | 400 | 401 | 403 | 404 | 409 | 410 | 429 = 200,
) {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${page}`, status);
}

export function fieldErrors(c: Context<TenantEnv>, problems: readonly FieldProblem[]): FieldErrorView[] {
  return problems.map((p) => ({ field: p.field, message: fieldMessage(c.var.t, p) }));
}

type FormBody = Record<string, string | File | (string | File)[]>;

export async function readForm(c: Context<TenantEnv>): Promise<FormBody> {
  return (await c.req.parseBody({ all: true })) as FormBody;
}

/** One text field of a form ("" when absent). */
export function text(form: FormBody, name: string): string {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
}

/** Every value of a repeated field (checkboxes). */
export function texts(form: FormBody, name: string): string[] {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === "string");
}

export const orNull = (value: string): string | null => (value.trim() === "" ? null : value.trim());
