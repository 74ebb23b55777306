import type { MessageKey, Translator } from "@dynamo/ui";
import { problem, type TenantEnv } from "@dynamo/web";
import type { Context } from "hono";
import type { EditionStatus, TransitionRefusal } from "../domain/edition.ts";
import type { LifeError } from "../services/errors.ts";

/** A network-life failure as one sentence, for a page's notice. */
export function errorMessage(t: Translator, error: LifeError): string {
  switch (error.kind) {
    case "not-found":
      return t("problem.not-found");
    case "forbidden":
      return t("life.refusal.forbidden");
    case "not-peered":
      return t("life.refusal.not-peered");
    case "organizer-not-peered":
      return t("life.refusal.organizer-not-peered");
    case "invalid":
      return error.problems.map((p) => t(`life.invalid.${p.code}` as MessageKey)).join(" ");
    case "host-refused":
    case "delegation-refused":
    case "document-refused":
      return t(`life.refusal.${error.refusal.kind}` as MessageKey);
    case "status-refused":
      return statusRefusal(t, error.refusal);
    case "ballot-not-opened":
      return t("life.refusal.ballot-not-opened");
  }
}

function statusRefusal(t: Translator, refusal: TransitionRefusal): string {
  const status = (s: EditionStatus) => t(`life.edition.${s}` as MessageKey);
  switch (refusal.kind) {
    case "status-unchanged":
      return t("life.refusal.status-unchanged", { status: status(refusal.status) });
    case "status-goes-back":
      return t("life.refusal.status-goes-back", { from: status(refusal.from), to: status(refusal.to) });
    case "status-skips":
      return t("life.refusal.status-skips", {
        from: status(refusal.from),
        to: status(refusal.to),
        next: status(refusal.next),
      });
    case "minutes-need-ballot":
      return t("life.refusal.minutes-need-ballot");
  }
}

/** The one mapping from a network-life failure to its problem (JSON for the API, a translated page for a browser). */
export function lifeProblem(c: Context<TenantEnv>, error: LifeError): Response {
  const { t } = c.var;
  const detail = errorMessage(t, error);
  switch (error.kind) {
    case "not-found":
      return problem(c, "not-found");
    case "forbidden":
      return problem(c, "forbidden", { detail });
    case "not-peered":
    case "organizer-not-peered":
      return problem(c, "conflict", { detail, extensions: { reason: error.kind } });
    case "invalid":
      return problem(c, "validation", {
        errors: error.problems.map((p) => ({
          field: p.field,
          pointer: `/${p.field.replaceAll(".", "/")}`,
          code: p.code,
          message: t(`life.invalid.${p.code}` as MessageKey),
        })),
      });
    case "host-refused":
      return problem(c, "ipg-host-refused", {
        detail,
        extensions: { reason: error.refusal.kind, refusal: error.refusal },
      });
    case "delegation-refused":
      return problem(c, "delegation-refused", {
        detail,
        extensions: { reason: error.refusal.kind, refusal: error.refusal },
      });
    case "status-refused":
      return problem(c, "ipg-status-refused", {
        detail,
        extensions: { reason: error.refusal.kind, refusal: error.refusal },
      });
    case "document-refused":
      return problem(c, "ipg-document-refused", {
        detail,
        extensions: { reason: error.refusal.kind, refusal: error.refusal },
      });
    case "ballot-not-opened":
      return problem(c, "conflict", { detail, extensions: { reason: error.kind, ballot: error.reason } });
  }
}
