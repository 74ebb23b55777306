export { mountApiDocs } from "./docs.ts";
export type { NodeEnv, NodeVariables, RequestAuth, TenantEnv } from "./env.ts";
export { limitBody, MAX_BODY_BYTES, requireJsonBody } from "./middleware/body.ts";
export { LOCALE_COOKIE, negotiateLocaleMiddleware, rememberLocale, safeLocalPath } from "./middleware/locale.ts";
export { requestLog } from "./middleware/request-log.ts";
export { resolveTenant, type TenantResolution } from "./middleware/tenant.ts";
export { createRouter } from "./openapi.ts";
export {
  describeProblem,
  type FieldError,
  PROBLEM_STATUS,
  type ProblemDocument,
  type ProblemKind,
  type ProblemOptions,
  problem,
  problemType,
  wantsHtml,
} from "./problem.tsx";
export { toFieldErrors } from "./validation.ts";
