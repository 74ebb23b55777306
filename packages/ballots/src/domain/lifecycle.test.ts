import type { CountryCode } from "@dynamo/core";
import { describe, expect, it } from "vitest";
import type { RosterPlatform } from "./ballot.ts";
import type { BallotId } from "./ids.ts";
import {
  acceptsVotes,
  type BallotRecord,
  ballotOf,
  ballotPhase,
  cancelBallot,
  checkDraft,
  collectionDue,
  openBallot,
  rosterConflicts,
  tallyDue,
} from "./lifecycle.ts";
import { NO_RECEPTION } from "./reception.ts";
import { defaultBallotRules } from "./rules.ts";

const HOUR = 3_600_000;
const opensAt = new Date("2026-06-01T09:00:00Z");
const closesAt = new Date("2026-06-08T09:00:00Z");
const at = (offsetMs: number, from = opensAt) => new Date(from.getTime() + offsetMs);

const draft: BallotRecord = {
  id: "b1" as BallotId,
  uri: "https://hub.example/ap/actors/hub/ballots/b1",
  role: "issued",
  title: { en: "Adopt the 2027 budget?" },
  description: {},
  rules: defaultBallotRules(),
  opensAt,
  closesAt,
  graceMs: HOUR,
  extensionMs: 0,
  reception: null,
  status: "draft",
  electorate: null,
  cancelReason: null,
  createdAt: at(-HOUR),
  openedAt: null,
  cancelledAt: null,
  closedAt: null,
};

const roster = (entries: [string, "AF" | "EU", "active" | "suspended" | "observer"][]): RosterPlatform[] =>
  entries.map(([platformId, regionCode, status]) => ({ platformId: platformId as CountryCode, regionCode, status }));

describe("a ballot's life", () => {
  it("opens a draft with the active platforms of the trusted regions, frozen", () => {
    const opened = openBallot(
      draft,
      roster([
        ["SN", "AF", "active"],
        ["BE", "EU", "active"],
        ["PT", "EU", "suspended"],
        ["MA", "AF", "observer"],
      ]),
      ["AF", "EU"],
      at(-HOUR),
    );
    expect(opened).toEqual({
      ok: true,
      value: [
        { platformId: "SN", regionCode: "AF" },
        { platformId: "BE", regionCode: "EU" },
      ],
    });
    expect(ballotOf(draft)).toBeUndefined();
    expect(ballotOf({ ...draft, electorate: opened.ok ? opened.value : [] })?.electorate).toHaveLength(2);
  });

  it("refuses to open twice, after the close, with nobody to vote, or while two regions claim a platform", () => {
    const one = roster([["SN", "AF", "active"]]);
    expect(openBallot({ ...draft, status: "open" }, one, ["AF"], opensAt)).toEqual({
      ok: false,
      error: { kind: "not-draft", status: "open" },
    });
    expect(openBallot(draft, one, ["AF"], closesAt)).toEqual({ ok: false, error: { kind: "closes-in-past" } });
    expect(openBallot(draft, one, ["EU"], opensAt)).toMatchObject({ ok: false, error: { kind: "invalid-electorate" } });
    const claimed = roster([
      ["SN", "AF", "active"],
      ["SN", "EU", "active"],
      ["BE", "EU", "active"],
    ]);
    expect(rosterConflicts(claimed, ["AF", "EU"])).toEqual(["SN"]);
    expect(openBallot(draft, claimed, ["AF", "EU"], opensAt)).toEqual({
      ok: false,
      error: { kind: "roster-conflict", platformIds: ["SN"] },
    });
    // A suspended claim, or one from an untrusted region, is no conflict.
    expect(
      rosterConflicts(
        roster([
          ["SN", "AF", "active"],
          ["SN", "EU", "suspended"],
        ]),
        ["AF", "EU"],
      ),
    ).toEqual([]);
    expect(rosterConflicts(claimed, ["AF"])).toEqual([]);
  });

  it("cancels a draft or an open ballot with a reason, never a closed one", () => {
    expect(cancelBallot(draft, "  wrong text ")).toEqual({ ok: true, value: "wrong text" });
    expect(cancelBallot({ ...draft, status: "open" }, " ")).toEqual({ ok: false, error: { kind: "reason-required" } });
    expect(cancelBallot({ ...draft, status: "closed" }, "late")).toEqual({
      ok: false,
      error: { kind: "already-ended", status: "closed" },
    });
  });

  it("takes votes from the opening to the close, asks the regions at close + grace, then is counted", () => {
    const open = { ...draft, status: "open" as const };
    expect(
      [at(-1), opensAt, at(0, closesAt), at(HOUR - 1, closesAt), at(HOUR, closesAt)].map((t) => ballotPhase(open, t)),
    ).toEqual(["scheduled", "voting", "grace", "grace", "counting"]);
    expect([acceptsVotes(open, opensAt), acceptsVotes(open, at(-1, closesAt)), acceptsVotes(open, closesAt)]).toEqual([
      true,
      true,
      false,
    ]);
    expect([
      collectionDue(open, at(HOUR - 1, closesAt)),
      collectionDue(open, at(HOUR, closesAt)),
      collectionDue(draft, at(HOUR, closesAt)),
      tallyDue(open, at(HOUR, closesAt)),
    ]).toEqual([false, true, false, false]);
    // Asking: the regions have a minute more (the extension), unless they all answer before.
    const asking = {
      ...open,
      extensionMs: 60_000,
      reception: { ...NO_RECEPTION, collectingSince: at(HOUR, closesAt), asked: ["AF" as const, "EU" as const] },
    };
    expect([
      ballotPhase(asking, at(HOUR, closesAt)),
      collectionDue(asking, at(HOUR + 60_000, closesAt)),
      tallyDue(asking, at(HOUR + 59_999, closesAt)),
      tallyDue(asking, at(HOUR + 60_000, closesAt)),
    ]).toEqual(["counting", false, false, true]);
    const answered = {
      ...asking,
      reception: {
        ...asking.reception,
        answers: (["AF", "EU"] as const).map((regionCode) => ({ regionCode, at: at(HOUR, closesAt), votes: 0 })),
      },
    };
    expect(tallyDue(answered, at(HOUR + 1, closesAt))).toBe(true);
    // The hub's downtime extends the grace period.
    expect(ballotPhase({ ...open, extensionMs: HOUR }, at(HOUR, closesAt))).toBe("grace");
    expect(ballotPhase({ ...draft, status: "cancelled" }, opensAt)).toBe("cancelled");
  });

  it("checks a draft's rules and dates, listing every problem", () => {
    const checked = checkDraft({ ...draft, title: {}, closesAt: opensAt, graceMs: -1 });
    expect(
      checked.ok ? [] : checked.error.kind === "invalid-draft" ? checked.error.problems.map((p) => p.kind) : [],
    ).toEqual(["no-question", "closes-before-opens", "invalid-grace"]);
  });
});
