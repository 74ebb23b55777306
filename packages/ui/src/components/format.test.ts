import { afterEach, describe, expect, it, vi } from "vitest";
import { createTranslator } from "../i18n.ts";
import { common } from "../messages.ts";
import { formatDateTime } from "./frame.tsx";

afterEach(() => vi.restoreAllMocks());

describe("formatDateTime", () => {
  it("reuses one formatter per locale for every date a page shows", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    const shown = new Set<string>();
    for (const locale of ["fr", "en", "es", "pt"] as const) {
      const t = createTranslator(common, locale);
      for (let day = 1; day <= 25; day++) shown.add(formatDateTime(t, new Date(Date.UTC(2026, 5, day, 9, 30))));
    }
    expect(shown.size).toBe(100);
    // At most one per locale (none if an earlier test of this file's process made them).
    expect(made.mock.calls.length).toBeLessThanOrEqual(4);
    expect(formatDateTime(createTranslator(common, "fr"), new Date(Date.UTC(2026, 5, 1, 9, 30)))).toBe(
      "1 juin 2026, 09:30",
    );
  });
});
