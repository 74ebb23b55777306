import { pickLocalized } from "@dynamo/core";
import { common, createTranslator, ErrorPage, type MessageKey, type MessageParams } from "@dynamo/ui";
import type { Context } from "hono";
import type { ContentfulStatusCode } from "hono/utils/http-status";
import type { NodeVariables } from "./env.ts";
import { kernelProblems, type ProblemKind } from "./site.ts";

/** Problem type URIs are stable URNs: they identify the kind and are not meant to be fetched. */
export const problemType = (kind: ProblemKind) => `urn:dynamo:problem:${kind}`;

export interface FieldError {
  /** Dotted path of the field, e.g. "names.fr"; "" for the whole body. */
  field: string;
  /** JSON Pointer into the request body (RFC 6901). */
  pointer: string;
  code: string;
  message: string;
}

export interface ProblemOptions {
  /** Replaces the catalog's detail; pass an already translated text. */
  detail?: string;
  /** Values for the placeholders of the catalog's detail. */
  params?: MessageParams;
  errors?: FieldError[];
  headers?: Record<string, string>;
  /** Extra members of the problem object (RFC 9457 extensions). */
  extensions?: Record<string, unknown>;
}

/** Browsers get a translated page; API clients and machines get application/problem+json. */
export function wantsHtml(c: Context): boolean {
  if (c.req.path.startsWith("/api/") || c.req.path === "/api") return false;
  const accept = c.req.header("accept") ?? "";
  return accept.includes("text/html");
}

export interface ProblemDocument {
  type: string;
  title: string;
  status: number;
  detail?: string;
  instance: string;
  requestId?: string;
  errors?: FieldError[];
  [extension: string]: unknown;
}

/** The problem a request gets, translated into its locale, without choosing HTML or JSON. */
export function describeProblem(
  c: Context,
  kind: ProblemKind,
  options: ProblemOptions = {},
): { status: ContentfulStatusCode; body: ProblemDocument; headers: Record<string, string> } {
  // Node-level routes and early failures may run before the tenant or locale are known.
  const vars: Partial<NodeVariables> = c.var;
  const t = vars.t ?? createTranslator(common, "en");
  const status = vars.site?.problems.get(kind) ?? (kernelProblems as Record<string, ContentfulStatusCode>)[kind] ?? 500;
  const detailKey = `problem.${kind}.detail`;
  const detail = options.detail ?? (t.has(detailKey) ? t(detailKey, options.params) : undefined);
  const body: ProblemDocument = {
    type: problemType(kind),
    title: t(`problem.${kind}` as MessageKey),
    status,
    ...(detail === undefined ? {} : { detail }),
    instance: c.req.path,
    ...(vars.requestId === undefined ? {} : { requestId: vars.requestId }),
    ...(options.errors === undefined ? {} : { errors: options.errors }),
    ...options.extensions,
  };
  const headers = { "Content-Language": t.locale, ...options.headers, "Content-Type": "application/problem+json" };
  return { status, body, headers };
}

/** Answers with a problem: a translated page for a browser, application/problem+json otherwise. */
export function problem(c: Context, kind: ProblemKind, options: ProblemOptions = {}): Response {
  const { status, body, headers } = describeProblem(c, kind, options);
  if (!wantsHtml(c)) return c.body(JSON.stringify(body), status, headers);

  const vars: Partial<NodeVariables> = c.var;
  const t = vars.t ?? createTranslator(common, "en");
  const siteName = (vars.tenant && pickLocalized(vars.tenant.names, t.locale)) ?? t("app.name");
  const page = (
    <ErrorPage
      t={t}
      siteName={siteName}
      status={status}
      title={body.title}
      detail={body.detail}
      errors={body.errors}
      requestId={status >= 500 ? body.requestId : undefined}
    />
  );
  return c.html(`<!doctype html>${page}`, status, { ...headers, "Content-Type": "text/html; charset=UTF-8" });
}
