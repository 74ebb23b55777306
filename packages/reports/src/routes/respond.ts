import type { MessageKey, Translator } from "@dynamo/ui";
import { problem, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { ReportRefusal } from "../domain/actions.ts";
import type { ReportsError } from "../services/errors.ts";

/** A workflow refusal in the reader's language. */
export function refusalMessage(t: Translator, refusal: ReportRefusal): string {
  if (refusal.kind === "incomplete-section") {
    return t("reports.refusal.incomplete-section", {
      fields: refusal.missingFields.map((f) => t(`reports.text.${f}` as MessageKey)).join(", "),
    });
  }
  return t(`reports.refusal.${refusal.kind}` as MessageKey);
}

/** A reports failure as one sentence, for a page's notice. */
export function errorMessage(t: Translator, error: ReportsError): string {
  switch (error.kind) {
    case "not-found":
      return t("problem.not-found");
    case "forbidden":
      return t("reports.refusal.forbidden");
    case "refused":
      return refusalMessage(t, error.refusal);
    case "invalid-indicators":
      return error.problems
        .map((p) =>
          t("reports.error.indicator", { key: p.key, problem: t(`reports.error.indicator.${p.kind}` as MessageKey) }),
        )
        .join(" ");
    case "invalid":
      return t(`reports.error.${error.code}` as MessageKey);
    case "report-exists":
      return t("reports.conflict.report-exists");
    case "stale":
      return t("reports.conflict.stale");
    case "not-peered":
      return t("reports.conflict.not-peered");
    case "edition":
      return t("reports.error.edition");
  }
}

/** The one mapping from a reports failure to its problem (JSON for the API, a page for a browser). */
export function reportsProblem(c: Context<TenantEnv>, error: ReportsError): Response {
  const { t } = c.var;
  const detail = errorMessage(t, error);
  switch (error.kind) {
    case "not-found":
      return problem(c, "not-found");
    case "forbidden":
      return problem(c, "forbidden", { detail });
    case "refused":
      if (error.refusal.kind === "forbidden") return problem(c, "forbidden", { detail });
      if (error.refusal.kind === "unknown-section") return problem(c, "not-found", { detail });
      return problem(c, "conflict", { detail, extensions: { reason: error.refusal.kind, refusal: error.refusal } });
    case "invalid-indicators":
      return problem(c, "validation", {
        errors: error.problems.map((p, i) => ({
          field: `indicators.${p.key}`,
          pointer: `/indicators/${i}`,
          code: p.kind,
          message: t("reports.error.indicator", {
            key: p.key,
            problem: t(`reports.error.indicator.${p.kind}` as MessageKey),
          }),
        })),
      });
    case "invalid":
      return problem(c, "validation", {
        errors: [{ field: error.field, pointer: `/${error.field}`, code: error.code, message: detail }],
      });
    case "report-exists":
    case "stale":
    case "not-peered":
      return problem(c, "conflict", { detail, extensions: { reason: error.kind } });
    case "edition":
      return problem(c, "conflict", { detail, extensions: { reason: error.refusal.kind } });
  }
}
