import { LOCALES } from "@dynamo/core";
import { describe, expect, it } from "vitest";
import { isBuiltInChoiceName } from "./domain/rules.ts";
import { ballotsMessages } from "./messages.ts";

describe("the built-in choices' names", () => {
  it("hold every name the catalogs give abstaining and voting blank", () => {
    for (const locale of LOCALES) {
      for (const key of ["ballots.choice.abstain", "ballots.choice.blank"] as const) {
        expect(isBuiltInChoiceName(ballotsMessages[locale][key]), `${locale} ${key}`).toBe(true);
      }
    }
  });
});
