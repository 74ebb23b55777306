import { afterEach, describe, expect, it, vi } from "vitest";
import { dateTimeFormat, displayNames, numberFormat } from "./intl.ts";

afterEach(() => vi.restoreAllMocks());

describe("kept Intl formatters", () => {
  it("gives the same formatter for the same locale and options, made once", () => {
    const made = vi.spyOn(Intl, "DateTimeFormat");
    const options = { dateStyle: "medium", timeZone: "Pacific/Chatham" } as const;
    const first = dateTimeFormat("pt", options);
    for (let i = 0; i < 50; i++) expect(dateTimeFormat("pt", { ...options })).toBe(first);
    expect(made).toHaveBeenCalledTimes(1);
    expect(first.format(new Date("2026-06-01T12:00:00Z"))).toBe(
      new Intl.DateTimeFormat("pt", options).format(new Date("2026-06-01T12:00:00Z")),
    );
  });

  it("keeps one per locale and per time zone", () => {
    const utc = dateTimeFormat("fr", { timeStyle: "short", timeZone: "UTC" });
    const kathmandu = dateTimeFormat("fr", { timeStyle: "short", timeZone: "Asia/Kathmandu" });
    const english = dateTimeFormat("en", { timeStyle: "short", timeZone: "UTC" });
    expect(new Set([utc, kathmandu, english]).size).toBe(3);
    const noon = new Date("2026-06-01T12:00:00Z");
    expect(utc.format(noon)).toBe("12:00");
    expect(kathmandu.format(noon)).toBe("17:45");
  });

  it("keeps number formats and display names the same way", () => {
    expect(numberFormat("es", { maximumFractionDigits: 1 })).toBe(numberFormat("es", { maximumFractionDigits: 1 }));
    expect(numberFormat("es", { maximumFractionDigits: 1 }).format(1234.56)).toBe("1234,6");
    expect(displayNames("fr", { type: "region" })).toBe(displayNames("fr", { type: "region" }));
    expect(displayNames("fr", { type: "region" }).of("BE")).toBe("Belgique");
  });
});
