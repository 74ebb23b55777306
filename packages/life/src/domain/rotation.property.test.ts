import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { CONTINENTS, type Continent, checkHost, type HostingRecord, IPG_HISTORY, proposeNextHost } from "./rotation.ts";

const continent = fc.constantFrom<Continent>(...CONTINENTS);
/** Any sequence of attempted choices: a continent, and a reason or none. */
const attempts = fc.array(
  fc.record({ continent, reason: fc.option(fc.constantFrom("floods", " ", "visa"), { nil: null }) }),
  {
    maxLength: 30,
  },
);

/** A history built only through checkHost: what the hub would have kept. */
function build(choices: { continent: Continent; reason: string | null }[]): HostingRecord[] {
  const history: HostingRecord[] = [];
  let year = 2000;
  for (const choice of choices) {
    const checked = checkHost(history, year, choice.continent, choice.reason);
    if (checked.ok) {
      history.push(checked.value);
      year += 2;
    }
  }
  return history;
}

describe("the IPG rotation", () => {
  it("never keeps a continent twice in a row without a recorded reason", () => {
    fc.assert(
      fc.property(attempts, (choices) => {
        const history = build(choices);
        for (let i = 1; i < history.length; i++) {
          const [before, now] = [history[i - 1], history[i]];
          if (before?.continent === now?.continent) expect(now?.repeatReason?.trim()).toBeTruthy();
        }
      }),
    );
  });

  it("following its proposals from any history, every continent hosts within four editions", () => {
    fc.assert(
      fc.property(attempts, fc.integer({ min: 4, max: 12 }), (choices, more) => {
        const history = build(choices);
        const start = history.length;
        let year = 2000 + 2 * start;
        for (let i = 0; i < more; i++) {
          const proposed = proposeNextHost(history);
          const checked = checkHost(history, year, proposed, null);
          expect(checked.ok).toBe(true);
          if (checked.ok) history.push(checked.value);
          year += 2;
        }
        for (let i = start; i + 4 <= history.length; i++) {
          const window = new Set(history.slice(i, i + 4).map((r) => r.continent));
          expect(window.size).toBe(4);
        }
      }),
    );
  });

  it("proposes a continent that never hosted before any that did", () => {
    expect(proposeNextHost(IPG_HISTORY)).toBe("AM");
    expect(proposeNextHost([])).toBe("AF");
    expect(proposeNextHost([...IPG_HISTORY, { year: 2028, continent: "AM", repeatReason: null }])).toBe("EU");
    expect(proposeNextHost(CONTINENTS.map((c, i) => ({ year: 2030 + 2 * i, continent: c, repeatReason: null })))).toBe(
      "AF",
    );
  });

  it("refuses a repeat without a reason, a year taken or before the last", () => {
    expect(checkHost(IPG_HISTORY, 2028, "AS", null)).toEqual({
      ok: false,
      error: { kind: "repeat-without-reason", continent: "AS", previousYear: 2026 },
    });
    expect(checkHost(IPG_HISTORY, 2028, "AS", "the host of 2028 withdrew").ok).toBe(true);
    expect(checkHost(IPG_HISTORY, 2026, "EU", null)).toEqual({ ok: false, error: { kind: "year-taken", year: 2026 } });
    expect(checkHost(IPG_HISTORY, 2022, "EU", null).ok).toBe(false);
  });
});
