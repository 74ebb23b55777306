import type { Action, Policy, TenantKind } from "@dynamo/core";
import type { CatalogSet, MessageKey } from "@dynamo/ui";
import type { ContentfulStatusCode } from "hono/utils/http-status";

/**
 * Every kind of expected failure the node answers with a problem. The kernel's are here; each
 * area declares its own table (defineProblems) and adds its kinds by declaration merging:
 *
 *     declare module "@dynamo/web" { interface ProblemRegistry extends ProblemsOf<typeof problems> {} }
 *
 * A kind's title is the catalog entry `problem.<kind>`, its detail `problem.<kind>.detail`.
 */
export interface ProblemRegistry extends ProblemsOf<typeof kernelProblems> {}
export type ProblemKind = Extract<keyof ProblemRegistry, string>;

/** An area's problem kinds and the HTTP status of each. */
export function defineProblems<const T extends Record<string, ContentfulStatusCode>>(table: T): T {
  return table;
}
export type ProblemsOf<T> = { [K in keyof T]: true };

/** The kernel's own kinds: failures of any request, before or outside any area. */
export const kernelProblems = defineProblems({
  "not-found": 404,
  "unknown-tenant": 404,
  validation: 400,
  "payload-too-large": 413,
  "unsupported-media-type": 415,
  "method-not-allowed": 405,
  internal: 500,
  unavailable: 503,
  unauthorized: 401,
  forbidden: 403,
  "csrf-failed": 403,
  conflict: 409,
  "rate-limited": 429,
});

/** One entry of the site's navigation: shown to everyone when it names no action, else to those the policy allows. */
export interface NavEntry {
  href: string;
  label: MessageKey;
  /** Where it stands among every area's entries (smaller first). */
  order: number;
  action?: Action;
  kind?: TenantKind;
}

/**
 * What the node was assembled from, as every request sees it: the policy, the problem kinds,
 * the navigation and the catalogs of all its areas, put together once at start.
 */
export interface Site {
  policy: Policy;
  /** Sorted by order. */
  problems: ReadonlyMap<string, ContentfulStatusCode>;
  navigation: readonly NavEntry[];
  catalogs: CatalogSet;
}

/** Puts the problem tables together; a kind declared twice is a bug and throws. */
export function combineProblems(
  tables: readonly Record<string, ContentfulStatusCode>[],
): Map<string, ContentfulStatusCode> {
  const all = new Map<string, ContentfulStatusCode>();
  for (const table of tables) {
    for (const [kind, status] of Object.entries(table)) {
      if (all.has(kind)) throw new Error(`problem kind ${kind} is declared twice`);
      all.set(kind, status);
    }
  }
  return all;
}
