import type { Locale } from "@dynamo/core";
import type { Translator } from "@dynamo/ui";
import { problem, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { ProcedureContext, ProcedureDeps } from "../deps.ts";
import type { AmendmentRefusal } from "../domain/amendment.ts";
import type { ProcedureError } from "../services/errors.ts";

export function procedureContext(c: Context<TenantEnv>, deps: ProcedureDeps): ProcedureContext {
  return { ...deps, tenant: c.get("tenant"), logger: c.get("logger") };
}

export function refusalMessage(t: Translator, refusal: AmendmentRefusal): string {
  switch (refusal.kind) {
    case "wrong-state":
      return t("procedure.refusal.wrong-state", { state: refusal.state });
    case "stale":
      return t("procedure.refusal.stale", { base: refusal.baseVersion, current: refusal.currentVersion });
    default:
      return t(`procedure.refusal.${refusal.kind}`);
  }
}

/** A procedure failure as one sentence, for a page or a problem's detail. */
export function errorMessage(t: Translator, error: ProcedureError): string {
  switch (error.kind) {
    case "not-found":
      return t("problem.not-found");
    case "refused":
      return refusalMessage(t, error.refusal);
    case "inapplicable":
      return t("procedure.error.inapplicable", { problem: error.problem.kind });
    case "import":
      return t("procedure.error.import", { problem: error.problem.kind });
    case "ballot":
      return t("procedure.error.ballot", { reason: error.reason });
    default:
      return t(`procedure.error.${error.kind}`);
  }
}

/** The one mapping from a procedure failure to its problem (JSON for the API, a page for a browser). */
export function procedureProblem(c: Context<TenantEnv>, error: ProcedureError): Response {
  const detail = errorMessage(c.get("t"), error);
  switch (error.kind) {
    case "not-found":
      return problem(c, "not-found");
    case "refused":
      if (error.refusal.kind === "not-author" || error.refusal.kind === "not-secretariat")
        return problem(c, "forbidden", { detail, extensions: { reason: error.refusal.kind } });
      if (error.refusal.kind === "stale")
        return problem(c, "amendment-stale", { detail, extensions: { reason: "stale", ...error.refusal } });
      if (error.refusal.kind === "reason-required" || error.refusal.kind === "rationale-required")
        return problem(c, "validation", {
          detail,
          errors: [
            {
              field: error.refusal.kind === "reason-required" ? "reason" : "rationale",
              pointer: error.refusal.kind === "reason-required" ? "/reason" : "/rationale",
              code: error.refusal.kind,
              message: detail,
            },
          ],
        });
      return problem(c, "conflict", { detail, extensions: { reason: error.refusal.kind } });
    case "inapplicable":
      return problem(c, "amendment-inapplicable", {
        detail,
        extensions: { reason: error.problem.kind, ...error.problem },
      });
    case "import":
      return problem(c, "validation", {
        detail,
        errors: [{ field: "markdown", pointer: "/markdown", code: error.problem.kind, message: detail }],
      });
    case "wrong-text":
      return problem(c, "forbidden", { detail, extensions: { reason: error.kind } });
    default:
      return problem(c, "conflict", { detail, extensions: { reason: error.kind } });
  }
}

export const localeOf = (c: Context<TenantEnv>): Locale => c.get("locale");
