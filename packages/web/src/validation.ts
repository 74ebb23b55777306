import type { Locale } from "@dynamo/core";
import { z } from "zod";
import type { FieldError } from "./problem.tsx";

const zodLocales: Record<Locale, () => { localeError: z.core.$ZodErrorMap }> = {
  fr: z.locales.fr,
  en: z.locales.en,
  es: z.locales.es,
  pt: z.locales.pt,
};

/**
 * zod's issues as the problem's errors[] list, worded in the reader's language. zod's own
 * catalogs translate the standard checks; a message written by our schemas is kept as is.
 */
export function toFieldErrors(issues: readonly z.core.$ZodIssue[], locale: Locale): FieldError[] {
  const localeError = zodLocales[locale]().localeError;
  return issues.map((issue) => {
    const translated = issue.code === "custom" ? undefined : localeError(issue as z.core.$ZodRawIssue);
    const message = typeof translated === "string" ? translated : (translated?.message ?? issue.message);
    return {
      field: issue.path.map(String).join("."),
      pointer: `/${issue.path.map((p) => String(p).replaceAll("~", "~0").replaceAll("/", "~1")).join("/")}`,
      code: issue.code,
      message: isDefaultMessage(issue) ? message : issue.message,
    };
  });
}

/** True when zod wrote the message itself, so our translation may replace it. */
function isDefaultMessage(issue: z.core.$ZodIssue): boolean {
  if (issue.code === "custom") return false;
  const english = z.locales.en().localeError(issue as z.core.$ZodRawIssue);
  const englishText = typeof english === "string" ? english : english?.message;
  return englishText === issue.message;
}
