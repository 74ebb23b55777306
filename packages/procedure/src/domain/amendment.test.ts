import { describe, expect, it } from "vitest";
import {
  type Amendment,
  apply,
  conflicts,
  decideAdmissibility,
  rebase,
  recordOutcome,
  schedule,
  submit,
  withdraw,
} from "./amendment.ts";

const author = { kind: "author" } as const;
const secretariat = { kind: "secretariat" } as const;
const other = { kind: "other" } as const;

const amendment = (over: Partial<Amendment> = {}): Amendment => ({
  id: "m1",
  textKey: "international",
  baseVersion: 1,
  operations: [{ op: "replace", articleId: "art-1", wording: { pt: "Novo texto." } }],
  rationale: "Clearer.",
  state: "submitted",
  reason: null,
  ballotId: null,
  author: { personId: "p1", name: "Ama", regionCode: "AF" },
  revision: 1,
  ...over,
});

describe("an amendment's life", () => {
  it("goes draft → submitted → admissible → scheduled → adopted → applied", () => {
    const submitted = submit(amendment({ state: "draft" }), author);
    expect(submitted.ok && submitted.value.state).toBe("submitted");
    const admissible = decideAdmissibility(amendment(), secretariat, { admissible: true, reason: "" });
    expect(admissible.ok && admissible.value.state).toBe("admissible");
    const scheduled = schedule(amendment({ state: "admissible" }), secretariat, 1, "b1");
    expect(scheduled.ok && [scheduled.value.state, scheduled.value.ballotId]).toEqual(["scheduled", "b1"]);
    const adopted = recordOutcome(amendment({ state: "scheduled", ballotId: "b1" }), "b1", "adopted");
    expect([adopted.amendment.state, adopted.changed]).toEqual(["adopted", true]);
    const applied = apply(amendment({ state: "adopted", ballotId: "b1" }), secretariat, 1, undefined);
    expect(applied.ok && applied.value.amendment.state).toBe("applied");
  });

  it("is not admissible only with a reason, and rejected by a rejected or inquorate ballot", () => {
    expect(decideAdmissibility(amendment(), secretariat, { admissible: false, reason: " " })).toEqual({
      ok: false,
      error: { kind: "reason-required" },
    });
    const refused = decideAdmissibility(amendment(), secretariat, { admissible: false, reason: "Out of scope" });
    expect(refused.ok && [refused.value.state, refused.value.reason]).toEqual(["not-admissible", "Out of scope"]);
    expect(recordOutcome(amendment({ state: "scheduled", ballotId: "b1" }), "b1", "rejected").amendment.state).toBe(
      "rejected",
    );
    expect(recordOutcome(amendment({ state: "scheduled", ballotId: "b1" }), "b1", "no-quorum").amendment.state).toBe(
      "rejected",
    );
  });

  it("learns its ballot's outcome once: told again, or told of another ballot, nothing changes", () => {
    const once = recordOutcome(amendment({ state: "scheduled", ballotId: "b1" }), "b1", "adopted").amendment;
    expect(recordOutcome(once, "b1", "adopted")).toEqual({ amendment: once, changed: false });
    expect(recordOutcome(amendment({ state: "scheduled", ballotId: "b1" }), "b2", "adopted").changed).toBe(false);
  });

  it("is withdrawn by its author until it is scheduled, never after", () => {
    for (const state of ["draft", "submitted", "admissible", "not-admissible"] as const) {
      const done = withdraw(amendment({ state }), author);
      expect(done.ok && done.value.state).toBe("withdrawn");
    }
    for (const state of ["scheduled", "adopted", "rejected", "applied", "withdrawn"] as const) {
      expect(withdraw(amendment({ state }), author)).toEqual({
        ok: false,
        error: { kind: "wrong-state", state, wanted: "withdraw" },
      });
    }
    expect(withdraw(amendment(), other)).toEqual({ ok: false, error: { kind: "not-author" } });
    expect(withdraw(amendment(), secretariat)).toEqual({ ok: false, error: { kind: "not-author" } });
  });

  it("refuses each transition to the wrong person and from the wrong state", () => {
    expect(submit(amendment({ state: "draft" }), other)).toEqual({ ok: false, error: { kind: "not-author" } });
    expect(submit(amendment(), author)).toEqual({
      ok: false,
      error: { kind: "wrong-state", state: "submitted", wanted: "submit" },
    });
    expect(submit(amendment({ state: "draft", rationale: "" }), author)).toEqual({
      ok: false,
      error: { kind: "rationale-required" },
    });
    expect(decideAdmissibility(amendment(), author, { admissible: true, reason: "" })).toEqual({
      ok: false,
      error: { kind: "not-secretariat" },
    });
    expect(
      decideAdmissibility(amendment({ state: "admissible" }), secretariat, { admissible: true, reason: "" }),
    ).toEqual({
      ok: false,
      error: { kind: "wrong-state", state: "admissible", wanted: "decide" },
    });
    expect(schedule(amendment({ state: "admissible" }), author, 1, "b")).toEqual({
      ok: false,
      error: { kind: "not-secretariat" },
    });
    expect(schedule(amendment(), secretariat, 1, "b")).toEqual({
      ok: false,
      error: { kind: "wrong-state", state: "submitted", wanted: "schedule" },
    });
    expect(apply(amendment({ state: "scheduled" }), secretariat, 1, undefined)).toEqual({
      ok: false,
      error: { kind: "wrong-state", state: "scheduled", wanted: "apply" },
    });
    expect(apply(amendment({ state: "adopted" }), other, 1, undefined)).toEqual({
      ok: false,
      error: { kind: "not-secretariat" },
    });
  });

  it("is stale once its base is superseded: not scheduled until its author rebases it", () => {
    const stale = amendment({ state: "admissible", baseVersion: 1 });
    expect(schedule(stale, secretariat, 2, "b")).toEqual({
      ok: false,
      error: { kind: "stale", baseVersion: 1, currentVersion: 2 },
    });
    expect(rebase(stale, secretariat, 2, stale.operations)).toEqual({ ok: false, error: { kind: "not-author" } });
    expect(rebase(amendment({ state: "admissible", baseVersion: 2 }), author, 2, [])).toEqual({
      ok: false,
      error: { kind: "not-stale" },
    });
    expect(rebase(amendment({ state: "scheduled" }), author, 2, [])).toEqual({
      ok: false,
      error: { kind: "wrong-state", state: "scheduled", wanted: "rebase" },
    });
    const rebased = rebase(stale, author, 2, stale.operations);
    expect(rebased.ok && [rebased.value.baseVersion, rebased.value.revision]).toEqual([2, 2]);
    const scheduled = rebased.ok ? schedule(rebased.value, secretariat, 2, "b") : undefined;
    expect(scheduled?.ok).toBe(true);
  });

  it("never merges an adopted amendment on a superseded base silently: the secretariat's wording is recorded", () => {
    const adopted = amendment({ state: "adopted", baseVersion: 1 });
    expect(apply(adopted, secretariat, 2, undefined)).toEqual({
      ok: false,
      error: { kind: "stale", baseVersion: 1, currentVersion: 2 },
    });
    const resolution = {
      operations: [{ op: "delete" as const, articleId: "art-1" }],
      note: "Merged with amendment m0",
    };
    const applied = apply(adopted, secretariat, 2, resolution);
    expect(applied.ok && [applied.value.amendment.reason, applied.value.operations]).toEqual([
      resolution.note,
      resolution.operations,
    ]);
  });
});

describe("conflicts", () => {
  it("shows two open amendments touching the same article of the same text as conflicting, and no others", () => {
    const list = [
      amendment({ id: "a" }),
      amendment({ id: "b", state: "admissible" }),
      amendment({ id: "c", operations: [{ op: "delete", articleId: "art-2" }] }),
      amendment({ id: "d", state: "withdrawn" }),
      amendment({ id: "e", textKey: "region-EU" }),
    ];
    const found = conflicts(list);
    expect(Object.fromEntries(found)).toEqual({ a: ["b"], b: ["a"] });
  });
});
