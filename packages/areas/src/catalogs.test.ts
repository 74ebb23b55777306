import { LOCALES } from "@dynamo/core";
import { catalogProblems, common, createTranslator, mergeCatalogs } from "@dynamo/ui";
import { describe, expect, it } from "vitest";
import { areas } from "./index.ts";

const catalogs = mergeCatalogs([common, ...areas.map((area) => area.messages)]);

describe("the node's catalogs, every area's together", () => {
  it("give every key a text in each of the four languages, with the English placeholders", () => {
    expect(catalogProblems(catalogs)).toEqual([]);
  });

  it("give every plural message the forms each language needs, and a count that reads in it", () => {
    for (const locale of LOCALES) {
      const t = createTranslator(catalogs, locale);
      const one = t.plural("identity.members.revoked", 1);
      const many = t.plural("identity.members.revoked", 3);
      expect(one).toContain("1");
      expect(many).toContain("3");
      expect(one).not.toBe(many.replace("3", "1"));
      for (const key of [
        "federation.delivery.caughtUp",
        "reports.edition.withheld",
        "reports.activity.participantsCount",
      ] as const) {
        expect(t.plural(key, 1)).not.toBe(t.plural(key, 2).replace("2", "1"));
      }
    }
    expect(createTranslator(catalogs, "en").plural("federation.delivery.caughtUp", 1)).toBe(
      "Caught up: 1 activity applied.",
    );
    expect(createTranslator(catalogs, "pt").plural("reports.edition.withheld", 2)).toBe(
      "2 campos sensíveis foram omitidos.",
    );
  });
});
