import type { CountryCode, LocalizedText } from "@dynamo/core";
import { describe, expect, it } from "vitest";
import { type BallotDraft, freezeElectorate, validateBallotDraft, validateElectorate } from "./ballot.ts";
import { type Comparison, fraction } from "./fraction.ts";
import { type BallotRules, defaultBallotRules } from "./rules.ts";
import { CLOSES_AT, electorateOf, GRACE_MS, OPENS_AT, platform } from "./test-fixtures.ts";

function draft(rules: Partial<BallotRules> = {}, rest: Partial<BallotDraft> = {}): BallotDraft {
  return {
    question: { fr: "Adopter le ROI régional d'Asie ?" },
    rules: { ...defaultBallotRules(), ...rules },
    opensAt: OPENS_AT,
    closesAt: CLOSES_AT,
    graceMs: GRACE_MS,
    ...rest,
  };
}

const kinds = (d: BallotDraft) => validateBallotDraft(d).map((problem) => problem.kind);

describe("validateBallotDraft", () => {
  it("accepts the default motion and a well-formed multiple-choice ballot", () => {
    expect(validateBallotDraft(draft())).toEqual([]);
    const custom = draft({
      options: {
        kind: "custom",
        options: [
          { id: "lima", label: { es: "Lima" } },
          { id: "dakar", label: { fr: "Dakar" } },
          { id: "manila", label: { en: "Manila" } },
        ],
        choice: { kind: "multiple", maxChoices: 3 },
      },
    });
    expect(validateBallotDraft(custom)).toEqual([]);
  });

  it("lists every problem of a malformed draft at once", () => {
    const bad = draft(
      {
        options: {
          kind: "custom",
          options: [
            { id: "Bad Id", label: { en: "x" } },
            { id: "abstain", label: { en: "Abstain" } },
            { id: "same", label: { en: " " } },
            { id: "same", label: { en: "Same" } },
          ],
          choice: { kind: "multiple", maxChoices: 5 },
        },
        majority: { kind: "qualified", share: fraction(3, 2), base: "cast", comparison: "at-least" },
        quorum: fraction(1, 0),
        maxProxiesPerHolder: -1,
      },
      { question: { en: "  " }, closesAt: OPENS_AT, graceMs: 1.5 },
    );
    expect(validateBallotDraft(bad)).toEqual([
      { kind: "no-question" },
      { kind: "invalid-option-id", optionId: "Bad Id" },
      { kind: "reserved-option-id", optionId: "abstain" },
      { kind: "built-in-option-label", optionId: "abstain", label: "Abstain" },
      { kind: "option-without-label", optionId: "same" },
      { kind: "duplicate-option", optionId: "same" },
      { kind: "invalid-max-choices", maxChoices: 5, options: 4 },
      { kind: "invalid-share", field: "majority" },
      { kind: "invalid-share", field: "quorum" },
      { kind: "invalid-proxy-cap", maxProxiesPerHolder: -1 },
      { kind: "closes-before-opens" },
      { kind: "invalid-grace", graceMs: 1.5 },
    ]);
  });

  it("refuses an option named like abstaining or voting blank, in any of the four languages and any case", () => {
    const withOption = (label: LocalizedText) =>
      draft({
        options: {
          kind: "custom",
          options: [
            { id: "lima", label: { en: "Lima" } },
            { id: "other", label },
          ],
          choice: { kind: "single" },
        },
      });
    const labels: LocalizedText[] = [
      { en: "ABSTAIN" },
      { fr: "abstention" },
      { es: "Abstención" },
      { pt: " abstenção " },
      { en: "Blank vote" },
      { fr: "Vote  Blanc" },
      { es: "voto en blanco" },
      { pt: "Voto em branco" },
      { en: "Dakar", fr: "S’abstenir" },
    ];
    for (const label of labels) {
      expect(validateBallotDraft(withOption(label)), JSON.stringify(label)).toEqual([
        { kind: "built-in-option-label", optionId: "other", label: Object.values(label).at(-1) },
      ]);
    }
    // A label that only contains the word is a real option.
    expect(validateBallotDraft(withOption({ en: "Abstain from the 2027 forum", fr: "Blanc-Mesnil" }))).toEqual([]);
  });

  it("needs two options at least, and a maxChoices between 1 and their number", () => {
    const one = draft({
      options: { kind: "custom", options: [{ id: "only", label: { en: "Only" } }], choice: { kind: "single" } },
    });
    expect(kinds(one)).toEqual(["too-few-options"]);
    const zero = draft({
      options: {
        kind: "custom",
        options: [
          { id: "a", label: { en: "A" } },
          { id: "b", label: { en: "B" } },
        ],
        choice: { kind: "multiple", maxChoices: 0 },
      },
    });
    expect(kinds(zero)).toEqual(["invalid-max-choices"]);
  });

  it("refuses invalid dates and a grace beyond a week", () => {
    expect(kinds(draft({}, { opensAt: new Date("nope") }))).toEqual(["invalid-date"]);
    expect(kinds(draft({}, { graceMs: 7 * 24 * 3600 * 1000 + 1 }))).toEqual(["invalid-grace"]);
    expect(kinds(draft({}, { graceMs: 0 }))).toEqual([]);
  });

  it("refuses proxy caps above 100, allows 0 (no proxies)", () => {
    expect(kinds(draft({ maxProxiesPerHolder: 0 }))).toEqual([]);
    expect(kinds(draft({ maxProxiesPerHolder: 100 }))).toEqual([]);
    expect(kinds(draft({ maxProxiesPerHolder: 101 }))).toEqual(["invalid-proxy-cap"]);
  });

  it.each<[number, number, Comparison, string[]]>([
    [1, 2, "at-least", ["majority-too-low"]], // half exactly would adopt a tie
    [1, 2, "more-than", []],
    [501, 1000, "at-least", []],
    [2, 5, "more-than", ["majority-too-low"]],
    [2, 3, "at-least", []],
    [2, 3, "more-than", []],
    [1, 1, "at-least", []], // unanimity
    [1, 1, "more-than", ["invalid-share"]], // more than everyone: unreachable
    [0, 1, "at-least", ["majority-too-low"]],
  ])("a qualified majority of %i/%i %s gives %j", (numerator, denominator, comparison, expected) => {
    const rules: Partial<BallotRules> = {
      majority: { kind: "qualified", share: fraction(numerator, denominator), base: "electorate", comparison },
    };
    expect(kinds(draft(rules))).toEqual(expected);
  });
});

describe("electorate", () => {
  it("must not be empty nor name a platform twice", () => {
    expect(validateElectorate(electorateOf(3))).toEqual([]);
    expect(validateElectorate([])).toEqual([{ kind: "empty-electorate" }]);
    const twice = [...electorateOf(2), { platformId: platform(1), regionCode: "AS" as const }];
    expect(validateElectorate(twice)).toEqual([{ kind: "duplicate-platform", platformId: platform(1) }]);
  });

  it("is frozen from the active platforms of trusted regions, sorted by region then id", () => {
    const roster = [
      { platformId: "pe" as CountryCode, regionCode: "AM" as const, status: "active" as const },
      { platformId: "sn" as CountryCode, regionCode: "AF" as const, status: "active" as const },
      { platformId: "be" as CountryCode, regionCode: "EU" as const, status: "active" as const },
      { platformId: "ci" as CountryCode, regionCode: "AF" as const, status: "suspended" as const },
      { platformId: "bf" as CountryCode, regionCode: "AF" as const, status: "observer" as const },
      { platformId: "ml" as CountryCode, regionCode: "AF" as const, status: "active" as const },
      { platformId: "ph" as CountryCode, regionCode: "AS" as const, status: "active" as const },
    ];
    expect(freezeElectorate(roster, ["EU", "AF", "AM"])).toEqual([
      { platformId: "ml", regionCode: "AF" },
      { platformId: "sn", regionCode: "AF" },
      { platformId: "pe", regionCode: "AM" },
      { platformId: "be", regionCode: "EU" },
    ]);
  });
});
