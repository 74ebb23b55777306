import { z } from "@hono/zod-openapi";

/**
 * What every API route shares in its OpenAPI description: the problem document of its errors,
 * and how it is authenticated. (The component keeps the name it was first published under.)
 */
/** One field a validation problem names (errors[]). */
export const FieldErrorSchema = z
  .object({
    field: z.string().openapi({ description: 'Dotted path of the field, e.g. "names.fr"; "" for the whole body' }),
    pointer: z.string().openapi({ description: "JSON Pointer into the request (RFC 6901)" }),
    code: z.string(),
    message: z.string(),
  })
  .openapi("FieldError");

export const ProblemSchema = z
  .object({
    type: z.string(),
    title: z.string(),
    status: z.number().int(),
    detail: z.string().optional(),
    instance: z.string().optional(),
    requestId: z.string().optional(),
    errors: z.array(FieldErrorSchema).optional(),
  })
  .openapi("IdentityProblem");

const problemContent = {
  "application/problem+json": { schema: ProblemSchema },
  "text/html": { schema: z.string().openapi({ description: "The same problem as a translated page, for a browser" }) },
};

const PROBLEM_DESCRIPTIONS = {
  400: "The input is not valid (errors[] lists each field)",
  401: "No valid session, or wrong credentials",
  403: "The session's role or tenant does not allow this, or the CSRF check failed",
  404: "Not found in this tenant",
  409: "Conflicts with existing data",
  410: "The link was used or has expired",
  413: "The body is larger than the node accepts",
  415: "The body is not application/json",
  422: "Understood but refused by the rules (the reason says which)",
  429: "Too many attempts; see Retry-After",
  431: "The URL or the request's headers are too long",
  503: "Cannot be made on this node just now (e.g. a PDF without Chromium); the other formats remain",
} as const;
type ProblemStatus = keyof typeof PROBLEM_DESCRIPTIONS;

/** The error responses a route may give, as problem+json (or a page for a browser). */
export function problemResponses<const S extends readonly ProblemStatus[]>(
  ...statuses: S
): { [K in S[number]]: { description: string; content: typeof problemContent } } {
  return Object.fromEntries(
    statuses.map((status) => [status, { description: PROBLEM_DESCRIPTIONS[status], content: problemContent }]),
  ) as { [K in S[number]]: { description: string; content: typeof problemContent } };
}

export const security: Record<string, string[]>[] = [{ bearer: [] }, { cookie: [] }];
