import { isLocale, type Locale } from "@dynamo/core";
import { formField } from "@dynamo/web";
import { z } from "@hono/zod-openapi";
import { breakdownCategories, type IndicatorDefinition, type IndicatorValue } from "../domain/indicator.ts";
import {
  ACTIVITY_KINDS,
  type ActivityKind,
  type ReportActivity,
  type SectionContent,
  type SectionId,
  type SynthesisStatement,
} from "../domain/report.ts";

/**
 * The reports' page forms: named by the report's own structure (a field per text, indicator,
 * activity, statement), so read as a record of text fields, each checked (length, control
 * characters) before anything reads it.
 */
export const ReportForm = z.record(z.string().max(200), z.union([formField.lines(50_000), formField.choices(500)]));
export type Form = z.infer<typeof ReportForm>;

/** One field of the form ("" when absent; the first when repeated). */
export function text(form: Form, name: string): string {
  const value = form[name];
  return (Array.isArray(value) ? value[0] : value) ?? "";
}

/** Every value of a repeated field (checkboxes). */
export function texts(form: Form, name: string): string[] {
  const value = form[name];
  return Array.isArray(value) ? value : value === undefined ? [] : [value];
}

const number = (value: string): number | undefined => {
  if (value.trim() === "") return undefined;
  const n = Number(value.replace(",", "."));
  return Number.isFinite(n) ? n : Number.NaN;
};

/** A section's content from its form: texts with their sensitive marks, indicators, activities. */
export function sectionContentOf(
  form: Form,
  fields: readonly string[],
  definitions: readonly IndicatorDefinition[],
): SectionContent {
  const textsOut: Record<string, { text: string; sensitive: boolean }> = {};
  for (const field of fields) {
    textsOut[field] = {
      text: text(form, `texts.${field}`).trim(),
      sensitive: text(form, `sensitive.${field}`) === "1",
    };
  }
  const indicators: IndicatorValue[] = [];
  for (const d of definitions) {
    const total = number(text(form, `indicators.${d.key}.${d.version}`));
    if (total === undefined) continue;
    const byCategory: Record<string, number> = {};
    for (const category of breakdownCategories(d.breakdown)) {
      const n = number(text(form, `indicators.${d.key}.${d.version}.${category}`));
      if (n !== undefined) byCategory[category] = n;
    }
    indicators.push({
      key: d.key,
      version: d.version,
      total,
      ...(Object.keys(byCategory).length > 0 ? { byCategory } : {}),
    });
  }
  const activities: ReportActivity[] = [];
  for (let n = 0; n < 200; n++) {
    if (form[`activities.${n}.kind`] === undefined) break;
    const title = text(form, `activities.${n}.title`).trim();
    if (title === "") continue;
    const kind = text(form, `activities.${n}.kind`);
    const participants = number(text(form, `activities.${n}.participants`));
    activities.push({
      kind: (ACTIVITY_KINDS as readonly string[]).includes(kind) ? (kind as ActivityKind) : "other",
      title,
      startedOn: text(form, `activities.${n}.startedOn`),
      participants: participants === undefined || Number.isNaN(participants) ? null : Math.round(participants),
      description: text(form, `activities.${n}.description`).trim(),
    });
  }
  return { texts: textsOut, indicators, activities };
}

/** The synthesis from its form: each non-empty statement, its sensitive mark and source sections. */
export function synthesisOf(form: Form, fallback: Locale): { locale: Locale; statements: SynthesisStatement[] } {
  const localeValue = text(form, "locale");
  const statements: SynthesisStatement[] = [];
  for (let i = 0; i < 500; i++) {
    if (form[`statements.${i}.text`] === undefined) break;
    const statement = text(form, `statements.${i}.text`).trim();
    if (statement === "") continue;
    statements.push({
      text: statement,
      sensitive: text(form, `statements.${i}.sensitive`) === "1",
      sourceSectionIds: texts(form, `statements.${i}.sources`) as SectionId[],
    });
  }
  return { locale: isLocale(localeValue) ? localeValue : fallback, statements };
}
