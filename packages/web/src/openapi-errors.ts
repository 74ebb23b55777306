/** The parts of an OpenAPI document's operations this file completes. */
type Responses = Record<string, unknown>;
type Document = { paths?: Record<string, Record<string, { responses?: Responses } | unknown>> };

const METHODS = new Set(["get", "put", "post", "delete", "options", "head", "patch", "trace"]);
const WITH_BODY = new Set(["put", "post", "patch"]);

/**
 * Errors any operation may answer, whatever its route declares, because the node answers them
 * before the route runs: a control character in a path or query field (400), no tenant on this
 * host (404), a URL or headers too long for the server (431); and, for a method with a body, a
 * body too large (413) or not JSON (415). Each is application/problem+json.
 */
const NODE_ERRORS: Record<string, { description: string; body: boolean }> = {
  400: {
    description: "The input is not valid: errors[] names each field (a control character in a path or query field too)",
    body: false,
  },
  404: { description: "No tenant answers on this host, or nothing is at this path in this tenant", body: false },
  413: { description: "The body is larger than the node accepts", body: true },
  415: { description: "The body is not application/json", body: true },
  431: { description: "The URL or the request's headers are too long", body: false },
};

/**
 * The document as served: every operation also lists the errors the node answers before its
 * route runs, as problem+json (schema `problemRef`). A route's own description of a status wins.
 */
export function withNodeErrors<D extends object>(document: D, problemRef: string): D {
  const paths = (document as Document).paths ?? {};
  for (const item of Object.values(paths)) {
    for (const [method, operation] of Object.entries(item)) {
      if (!METHODS.has(method) || operation === null || typeof operation !== "object") continue;
      const op = operation as { responses?: Responses };
      op.responses ??= {};
      for (const [status, { description, body }] of Object.entries(NODE_ERRORS)) {
        if (body && !WITH_BODY.has(method)) continue;
        op.responses[status] ??= {
          description,
          content: { "application/problem+json": { schema: { $ref: problemRef } } },
        };
      }
    }
  }
  return document;
}
