import { describe, expect, it } from "vitest";
import { offsetMinutes, showTime, wallTimeToInstant } from "./time.ts";

describe("times across the network", () => {
  it("shows an event in Asia/Kathmandu to a reader in America/Bogota, with the host's time beside it", () => {
    const start = wallTimeToInstant("2026-03-28T09:00", "Asia/Kathmandu");
    expect(start?.toISOString()).toBe("2026-03-28T03:15:00.000Z");
    const shown = showTime(start as Date, "es", "America/Bogota", "Asia/Kathmandu");
    expect(shown.reader).toContain("22:15");
    expect(shown.reader).toContain("27 mar 2026");
    expect(shown.host).toContain("9:00");
    expect(shown.differ).toBe(true);
  });

  it("keeps the instant across a daylight-saving change in the reader's zone", () => {
    // Europe/Brussels moves to summer time on 29 March 2026; Kathmandu and Bogota never do.
    const before = wallTimeToInstant("2026-03-28T09:00", "Asia/Kathmandu") as Date;
    const after = wallTimeToInstant("2026-03-30T09:00", "Asia/Kathmandu") as Date;
    expect(after.getTime() - before.getTime()).toBe(2 * 86_400_000);
    expect(offsetMinutes(before, "Europe/Brussels")).toBe(60);
    expect(offsetMinutes(after, "Europe/Brussels")).toBe(120);
    expect(showTime(before, "en", "Europe/Brussels", "Asia/Kathmandu").reader).toContain("4:15");
    expect(showTime(after, "en", "Europe/Brussels", "Asia/Kathmandu").reader).toContain("5:15");
    expect(offsetMinutes(after, "America/Bogota")).toBe(-300);
  });

  it("resolves a wall time skipped or repeated by a change", () => {
    expect(wallTimeToInstant("2026-03-29T02:30", "Europe/Brussels")?.toISOString()).toBe("2026-03-29T01:30:00.000Z");
    expect(wallTimeToInstant("2026-10-25T02:30", "Europe/Brussels")?.toISOString()).toBe("2026-10-25T00:30:00.000Z");
    expect(wallTimeToInstant("2026-13-01T10:00", "Europe/Brussels")).toBeUndefined();
  });
});
