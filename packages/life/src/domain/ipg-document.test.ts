import { describe, expect, it } from "vitest";
import {
  checkNewDocument,
  checkSubmission,
  type IpgDocument,
  recordDocumentOutcome,
  reviseDocument,
} from "./ipg-document.ts";

const at = new Date("2026-11-20T10:00:00Z");
const later = new Date("2026-12-01T10:00:00Z");
const minutes = (over: Partial<IpgDocument> = {}): IpgDocument => ({
  id: "d1",
  editionId: "e1",
  kind: "minutes",
  title: "Minutes of the IPG 2026",
  body: "# Minutes\n\nThe IPG met in Kathmandu.",
  state: "draft",
  revision: 1,
  ballotId: null,
  ballotUri: null,
  lastOutcome: null,
  publishedAt: null,
  updatedAt: at,
  ...over,
});

describe("an IPG document's workflow", () => {
  it("allows one minutes per edition and any number of documents", () => {
    expect(checkNewDocument("minutes", [{ kind: "document" }])).toEqual({ ok: true, value: true });
    expect(checkNewDocument("minutes", [{ kind: "minutes" }])).toEqual({ ok: false, error: { kind: "minutes-exist" } });
    expect(checkNewDocument("document", [{ kind: "minutes" }, { kind: "document" }]).ok).toBe(true);
  });

  it("puts the minutes to the vote only once the session is closed, and a draft only", () => {
    expect(checkSubmission(minutes(), "in-session")).toEqual({
      ok: false,
      error: { kind: "edition-not-closed", status: "in-session" },
    });
    expect(checkSubmission(minutes(), "closed").ok).toBe(true);
    expect(checkSubmission(minutes({ kind: "document" }), "planned").ok).toBe(true);
    expect(checkSubmission(minutes({ state: "in-vote" }), "closed")).toEqual({
      ok: false,
      error: { kind: "document-in-vote" },
    });
    expect(checkSubmission(minutes({ state: "published" }), "closed")).toEqual({
      ok: false,
      error: { kind: "document-published" },
    });
  });

  it("publishes on adoption by its own ballot only", () => {
    const inVote = minutes({ state: "in-vote", ballotId: "b1" });
    expect(recordDocumentOutcome(inVote, "b2", "adopted", later)).toEqual({ changed: false });
    const adopted = recordDocumentOutcome(inVote, "b1", "adopted", later);
    expect(adopted).toEqual({
      changed: true,
      document: { ...inVote, state: "published", publishedAt: later, updatedAt: later },
    });
    if (adopted.changed)
      expect(recordDocumentOutcome(adopted.document, "b1", "adopted", later)).toEqual({ changed: false });
  });

  it("leaves a rejected text a draft, revised as its next revision and put again", () => {
    const rejected = recordDocumentOutcome(minutes({ state: "in-vote", ballotId: "b1" }), "b1", "rejected", later);
    if (!rejected.changed) throw new Error("the outcome changes the minutes");
    expect(rejected.document).toMatchObject({ state: "draft", lastOutcome: "rejected", publishedAt: null });
    const revised = reviseDocument(rejected.document, { title: "Minutes", body: "Corrected." }, later);
    expect(revised.ok && revised.value).toMatchObject({ revision: 2, lastOutcome: null, body: "Corrected." });
    expect(reviseDocument(minutes({ state: "in-vote" }), { title: "x", body: "y" }, later)).toEqual({
      ok: false,
      error: { kind: "document-in-vote" },
    });
    expect(reviseDocument(minutes({ state: "published" }), { title: "x", body: "y" }, later)).toEqual({
      ok: false,
      error: { kind: "document-published" },
    });
  });
});
