export { ProblemSchema, problemResponses, security } from "./api-schemas.ts";
export { type AuditInput, auditTrail, type RecordAudit } from "./audit.ts";
export { authorize } from "./authorize.ts";
export { clientAddress, requestHost } from "./client-address.ts";
export { toCsv, wantsCsv } from "./csv.ts";
export type { NodeEnv, NodeVariables, RequestAuth, TenantEnv } from "./env.ts";
export { formField, parseForm } from "./forms.ts";
export { limitBody, requireJsonBody } from "./middleware/body.ts";
export { refuseControlCharacters, sameOriginPath } from "./middleware/control-characters.ts";
export {
  applyLocale,
  chosenLocale,
  negotiateLocaleMiddleware,
  rememberLocale,
  safeLocalPath,
} from "./middleware/locale.ts";
export { anonymousPageCache } from "./middleware/page-cache.ts";
export { requestLog } from "./middleware/request-log.ts";
export { resolveTenant } from "./middleware/tenant.ts";
export { mountNodeLevelRoutes } from "./node-level.ts";
export { createRouter, type TenantRouter } from "./openapi.ts";
export {
  type Frame,
  mayDo,
  orNull,
  pageFrame,
  renderPage,
  signedIn,
  siteNav,
} from "./page-kit.ts";
export { createChromiumPdfRenderer, type PdfRenderer, pdfRendererFor, pdfResponse } from "./pdf.ts";
export { describeProblem, type FieldError, type ProblemOptions, problem, problemType, wantsHtml } from "./problem.tsx";
export {
  combineProblems,
  defineProblems,
  kernelProblems,
  type NavEntry,
  type ProblemKind,
  type ProblemRegistry,
  type ProblemsOf,
  type Site,
} from "./site.ts";
export { toFieldErrors as zodFieldErrors } from "./validation.ts";
