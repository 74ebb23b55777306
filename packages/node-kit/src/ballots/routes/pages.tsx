import {
  type BallotRules,
  ballotPhase,
  defaultBallotRules,
  fraction,
  LOCALES,
  type LocalizedText,
  may,
  type VoteChoice,
} from "@dynamo/domain";
import type { TenantEnv } from "@dynamo/http";
import type { FieldErrorView, FrameProps, MessageKey } from "@dynamo/ui";
import type { OpenAPIHono } from "@hono/zod-openapi";
import type { Context } from "hono";
import { authorize } from "../../identity/index.ts";
import { pageFrame } from "../../identity/routes/page-kit.ts";
import type { BallotsDeps } from "../deps.ts";
import { cancelBallot, createBallot, getHubBallot, listBallots, openBallot } from "../services/hub-ballots.ts";
import { recordInRoomVote } from "../services/hub-votes.ts";
import { castVote, getCastVote, getRegionBallot } from "../services/region-ballots.ts";
import { DraftBallotPage, type DraftFormValues, HubBallotPage } from "./hub-views.tsx";
import { ballotProblem, ballotsContext, signedIn } from "./respond.ts";
import { BallotListPage, ReceiptPage, RegionBallotPage } from "./views.tsx";

type Frame = Omit<FrameProps, "title" | "children">;

/** The site's frame: the same navigation and account on every page. */
const frame = (c: Context<TenantEnv>, currentPath: string): Frame => pageFrame(c, currentPath);

function render(c: Context<TenantEnv>, page: unknown, status: 200 | 400 = 200) {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${page}`, status);
}

type Form = Record<string, string | File | (string | File)[]>;
const text = (form: Form, name: string): string => {
  const value = form[name];
  const first = Array.isArray(value) ? value[0] : value;
  return typeof first === "string" ? first : "";
};
const texts = (form: Form, name: string): string[] => {
  const value = form[name];
  const all = Array.isArray(value) ? value : value === undefined ? [] : [value];
  return all.filter((v): v is string => typeof v === "string");
};
const localized = (form: Form, field: string): LocalizedText =>
  Object.fromEntries(LOCALES.map((l) => [l, text(form, `${field}.${l}`).trim()]).filter(([, v]) => v !== ""));

/** A choice from the form's values: "option:<id>" (one or more), "abstain" or "blank". */
function choiceOf(values: readonly string[]): VoteChoice | undefined {
  if (values.length === 0) return undefined;
  if (values.includes("abstain")) return { kind: "abstain" };
  if (values.includes("blank")) return { kind: "blank" };
  const optionIds = values.filter((v) => v.startsWith("option:")).map((v) => v.slice("option:".length));
  return optionIds.length === 0 ? undefined : { kind: "options", optionIds };
}

const notice = (c: Context<TenantEnv>) => {
  const key = c.req.query("notice");
  return key && /^[a-z]+$/.test(key) ? c.var.t(`ballots.notice.${key}` as MessageKey) : undefined;
};

function rulesFromForm(values: DraftFormValues): BallotRules {
  const base = defaultBallotRules();
  return {
    ...base,
    majority:
      values.majority === "absolute"
        ? { kind: "absolute" }
        : values.majority === "two-thirds"
          ? { kind: "qualified", share: fraction(2, 3), base: "cast", comparison: "at-least" }
          : { kind: "simple" },
    quorum: values.quorum === "none" ? null : values.quorum === "two-thirds" ? fraction(2, 3) : fraction(1, 2),
    secrecy: values.secrecy === "secret" ? "secret" : "roll-call",
  };
}

/** The ballots' pages: lists, the hub's drafting and management, the region's vote and receipt. */
export function mountBallotPages(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.get("/ballots", authorize("ballots.list"), async (c) => {
    const now = deps.clock();
    const ballots = await listBallots(ballotsContext(c, deps), { includeDrafts: c.var.tenant.kind === "hub" });
    return render(
      c,
      <BallotListPage
        frame={frame(c, "/ballots")}
        ballots={ballots.map((ballot) => ({ ballot, phase: ballotPhase(ballot, now) }))}
        canDraft={may(c.var.principal, "ballots.manage", c.var.tenant).allowed}
      />,
    );
  });

  const emptyDraft = (): DraftFormValues => ({
    title: {},
    description: {},
    majority: "simple",
    quorum: "half",
    secrecy: "roll-call",
    opensAt: new Date(deps.clock().getTime()).toISOString().slice(0, 16),
    closesAt: new Date(deps.clock().getTime() + 7 * 24 * 3_600_000).toISOString().slice(0, 16),
    graceMinutes: "60",
  });

  router.get("/ballots/new", authorize("ballots.manage"), (c) =>
    render(c, <DraftBallotPage frame={frame(c, "/ballots/new")} values={emptyDraft()} />),
  );

  router.post("/ballots", authorize("ballots.manage"), async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const values: DraftFormValues = {
      title: localized(form, "title"),
      description: localized(form, "description"),
      majority: text(form, "majority"),
      quorum: text(form, "quorum"),
      secrecy: text(form, "secrecy"),
      opensAt: text(form, "opensAt"),
      closesAt: text(form, "closesAt"),
      graceMinutes: text(form, "graceMinutes"),
    };
    const grace = Number.parseInt(values.graceMinutes, 10);
    const auth = signedIn(c);
    const result = await createBallot(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      {
        title: values.title,
        description: values.description,
        rules: rulesFromForm(values),
        opensAt: new Date(`${values.opensAt}Z`),
        closesAt: new Date(`${values.closesAt}Z`),
        graceMs: Number.isFinite(grace) ? grace * 60_000 : -1,
      },
    );
    if (result.ok) return c.redirect(`/ballots/${result.value.id}?notice=drafted`, 303);
    if (result.error.kind !== "invalid") return ballotProblem(c, result.error);
    const errors: FieldErrorView[] = result.error.problems.map((p) => ({
      field: p.field === "title" ? "title.en" : p.field,
      message: c.var.t(`ballots.error.${p.code}` as MessageKey, p.params),
    }));
    return render(c, <DraftBallotPage frame={frame(c, "/ballots/new")} values={values} errors={errors} />, 400);
  });

  router.get("/ballots/:id{[0-9a-f-]{36}}", authorize("ballots.list"), async (c) => {
    const ctx = ballotsContext(c, deps);
    const id = c.req.param("id");
    const now = deps.clock();
    const path = `/ballots/${id}`;
    if (c.var.tenant.kind === "hub") {
      const view = await getHubBallot(ctx, id);
      if (view === undefined) return ballotProblem(c, { kind: "not-found" });
      return render(
        c,
        <HubBallotPage
          frame={frame(c, path)}
          ballot={view.ballot}
          phase={ballotPhase(view.ballot, now)}
          turnout={view.turnout}
          result={view.result}
          verifiedBy={view.attestations.filter((a) => a.agrees).length}
          regions={view.regions.length}
          canManage={may(c.var.principal, "ballots.manage", c.var.tenant).allowed}
          canRecord={may(c.var.principal, "ballots.record-in-room", c.var.tenant).allowed}
          notice={notice(c)}
        />,
      );
    }
    const person = c.var.auth?.person;
    const view = await getRegionBallot(ctx, id, person?.platformId ?? null);
    if (view === undefined) return ballotProblem(c, { kind: "not-found" });
    const phase = ballotPhase(view.ballot, now);
    const canVote =
      phase === "voting" &&
      may(c.var.principal, "ballots.vote", c.var.tenant).allowed &&
      person?.platformSeat != null &&
      (person.platformSeat === "representative" || view.ballot.rules.substitutesAllowed);
    return render(
      c,
      <RegionBallotPage
        frame={frame(c, path)}
        ballot={view.ballot}
        phase={phase}
        votes={view.votes}
        result={view.result}
        canVote={canVote}
        notice={notice(c)}
      />,
    );
  });

  router.post("/ballots/:id/vote", authorize("ballots.vote"), async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const choice = choiceOf(texts(form, "choice"));
    const id = c.req.param("id");
    if (choice === undefined) {
      return ballotProblem(c, {
        kind: "invalid",
        problems: [{ field: "choice", code: "no-choice" }],
      });
    }
    const result = await castVote(ballotsContext(c, deps), signedIn(c).person, id, choice);
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}/votes/${result.value.id}?notice=voted`, 303);
  });

  router.get("/ballots/:id/votes/:voteId", authorize("ballots.vote"), async (c) => {
    const ctx = ballotsContext(c, deps);
    const { id, voteId } = c.req.param();
    const person = signedIn(c).person;
    const view = await getRegionBallot(ctx, id, person.platformId);
    const vote = /^[0-9a-f-]{36}$/.test(voteId) ? await getCastVote(ctx, voteId) : undefined;
    if (view === undefined || vote === undefined || vote.ballotId !== id || vote.platformId !== person.platformId) {
      return ballotProblem(c, { kind: "not-found" });
    }
    return render(
      c,
      <ReceiptPage frame={frame(c, `/ballots/${id}`)} ballot={view.ballot} vote={vote} notice={notice(c)} />,
    );
  });

  router.post("/ballots/:id/open", authorize("ballots.manage"), async (c) => {
    const auth = signedIn(c);
    const id = c.req.param("id");
    const result = await openBallot(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      id,
    );
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=opened`, 303);
  });

  router.post("/ballots/:id/cancel", authorize("ballots.manage"), async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const auth = signedIn(c);
    const id = c.req.param("id");
    const result = await cancelBallot(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      id,
      text(form, "reason"),
    );
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=cancelled`, 303);
  });

  router.post("/ballots/:id/in-room", authorize("ballots.record-in-room"), async (c) => {
    const form = (await c.req.parseBody({ all: true })) as Form;
    const auth = signedIn(c);
    const id = c.req.param("id");
    const choice = choiceOf([text(form, "choice")]);
    if (choice === undefined)
      return ballotProblem(c, { kind: "invalid", problems: [{ field: "choice", code: "no-choice" }] });
    const result = await recordInRoomVote(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      id,
      { platformId: text(form, "platformId"), choice, castBy: { kind: "representative" } },
    );
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=recorded`, 303);
  });
}
