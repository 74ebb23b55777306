import { describe, expect, it } from "vitest";
import { negotiateLocale, parseAcceptLanguage, pickLocalized } from "./locale.ts";

describe("negotiateLocale", () => {
  it("lets the visitor's choice beat the browser's header", () => {
    expect(negotiateLocale({ choice: "pt", acceptLanguage: "fr-FR,fr;q=0.9,en;q=0.8" })).toBe("pt");
  });

  it("reads Accept-Language by quality, matching on the primary subtag", () => {
    expect(negotiateLocale({ acceptLanguage: "de-DE,de;q=0.9,es-MX;q=0.8,en;q=0.7" })).toBe("es");
    expect(negotiateLocale({ acceptLanguage: "en;q=0.2, pt-BR;q=0.9" })).toBe("pt");
  });

  it("ignores an unknown choice and falls back to the tenant's default, then English", () => {
    expect(negotiateLocale({ choice: "klingon", acceptLanguage: "fr" })).toBe("fr");
    expect(negotiateLocale({ choice: "xx", acceptLanguage: "de, ja", fallback: "es" })).toBe("es");
    expect(negotiateLocale({})).toBe("en");
  });

  it("drops q=0 and malformed parts", () => {
    expect(parseAcceptLanguage("fr;q=0, es;q=abc, *, pt")).toEqual(["pt"]);
  });
});

describe("pickLocalized", () => {
  it("falls back to another language rather than showing nothing", () => {
    expect(pickLocalized({ fr: "Bonjour" }, "es")).toBe("Bonjour");
    expect(pickLocalized({ fr: "Bonjour", en: "Hello" }, "es")).toBe("Hello");
    expect(pickLocalized({}, "es")).toBeUndefined();
  });
});
