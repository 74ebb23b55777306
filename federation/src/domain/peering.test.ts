import fc from "fast-check";
import { describe, expect, it } from "vitest";
import { decidePeering, originOf, PEER_STATES, type PeerDirection, type PeeringEvent } from "./peering.ts";

const follow = (trustedByRoster = false): PeeringEvent => ({
  kind: "follow-received",
  followActivityId: "f",
  trustedByRoster,
});

describe("decidePeering", () => {
  it("keeps a Follow from an unknown actor pending, and accepts one from a region of the hub's roster at once", () => {
    expect(decidePeering(undefined, follow())).toEqual({ ok: true, state: "requested", reply: "none", changed: true });
    expect(decidePeering(undefined, follow(true))).toEqual({
      ok: true,
      state: "active",
      reply: "accept",
      changed: true,
    });
  });

  it("accepts a Follow from an actor we asked ourselves (a mutual request)", () => {
    expect(decidePeering({ state: "requested", direction: "outgoing" }, follow())).toMatchObject({
      state: "active",
      reply: "accept",
    });
  });

  it("answers a repeated Follow on an active peering again, changing nothing", () => {
    expect(decidePeering({ state: "active", direction: "incoming" }, follow())).toEqual({
      ok: true,
      state: "active",
      reply: "accept",
      changed: false,
    });
  });

  it("lets an admin approve or refuse only a pending incoming request", () => {
    const pending = { state: "requested" as const, direction: "incoming" as const };
    expect(decidePeering(pending, { kind: "approve" })).toMatchObject({ state: "active", reply: "accept" });
    expect(decidePeering(pending, { kind: "refuse" })).toMatchObject({ state: "refused", reply: "reject" });
    expect(decidePeering({ state: "requested", direction: "outgoing" }, { kind: "approve" })).toEqual({
      ok: false,
      reason: "not-pending",
    });
    expect(decidePeering({ state: "active", direction: "incoming" }, { kind: "refuse" })).toEqual({
      ok: false,
      reason: "not-pending",
    });
  });

  it("ends with an Undo when we followed and a Reject when they did", () => {
    expect(decidePeering({ state: "active", direction: "outgoing" }, { kind: "end" })).toMatchObject({
      state: "ended",
      reply: "undo",
    });
    expect(decidePeering({ state: "active", direction: "incoming" }, { kind: "end" })).toMatchObject({
      state: "ended",
      reply: "reject",
    });
    expect(decidePeering({ state: "ended", direction: "incoming" }, { kind: "end" })).toEqual({
      ok: false,
      reason: "not-active",
    });
  });

  it("takes an Accept only for a request we made, and a Reject of an active peering as its end", () => {
    expect(decidePeering({ state: "requested", direction: "outgoing" }, { kind: "accept-received" })).toMatchObject({
      state: "active",
    });
    expect(decidePeering({ state: "requested", direction: "incoming" }, { kind: "accept-received" })).toEqual({
      ok: false,
      reason: "unexpected",
    });
    expect(decidePeering(undefined, { kind: "accept-received" })).toEqual({ ok: false, reason: "unexpected" });
    expect(decidePeering({ state: "active", direction: "outgoing" }, { kind: "reject-received" })).toMatchObject({
      state: "ended",
    });
    expect(decidePeering({ state: "requested", direction: "outgoing" }, { kind: "reject-received" })).toMatchObject({
      state: "refused",
    });
  });

  it("applies any message a second time without change or reply (idempotent), except the re-answered Follow", () => {
    const states = fc.constantFrom(...PEER_STATES);
    const directions = fc.constantFrom<PeerDirection>("outgoing", "incoming");
    const events = fc.constantFrom<PeeringEvent>(
      follow(),
      follow(true),
      { kind: "accept-received" },
      { kind: "reject-received" },
      { kind: "undo-received" },
    );
    fc.assert(
      fc.property(states, directions, events, (state, direction, event) => {
        const first = decidePeering({ state, direction }, event);
        if (!first.ok) return;
        // A Follow received on a refused or ended peering opens a new request from them.
        const reopened = event.kind === "follow-received" && (state === "refused" || state === "ended");
        const second = decidePeering({ state: first.state, direction: reopened ? "incoming" : direction }, event);
        expect(second.ok && second.state).toBe(first.state);
        if (second.ok) {
          expect(second.changed).toBe(false);
          if (event.kind !== "follow-received") expect(second.reply).toBe("none");
        }
      }),
    );
  });
});

describe("originOf", () => {
  it("gives scheme, host and port of http(s) URLs only", () => {
    expect(originOf("https://hub.example.org/ap/actors/hub")).toBe("https://hub.example.org");
    expect(originOf("http://127.0.0.2:3000/x")).toBe("http://127.0.0.2:3000");
    expect(originOf("urn:x:y")).toBeUndefined();
    expect(originOf("not a url")).toBeUndefined();
  });
});
