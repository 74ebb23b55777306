import { type CountryCode, LOCALES, type LocalizedText } from "@dynamo/core";
import type { FieldErrorView, FrameProps, MessageKey } from "@dynamo/ui";
import type { TenantEnv } from "@dynamo/web";
import { authorize, formField as field, mayDo, pageFrame, parseForm, problem } from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { CastVote } from "../db/cast-votes.ts";
import type { BallotsDeps } from "../deps.ts";
import { fraction } from "../domain/fraction.ts";
import { ballotPhase } from "../domain/lifecycle.ts";
import { replacedVotes } from "../domain/own-votes.ts";
import { type BallotRules, defaultBallotRules } from "../domain/rules.ts";
import type { CastBy, VoteChoice } from "../domain/vote.ts";
import {
  cancelBallot,
  createBallot,
  getHubBallot,
  listBallots,
  openBallot,
  previewElectorate,
} from "../services/hub-ballots.ts";
import { recordInRoomVote } from "../services/hub-votes.ts";
import { castVote, getCastVote, getRegionBallot } from "../services/region-ballots.ts";
import { delegateVote } from "../services/region-proxies.ts";
import { DraftBallotPage, type DraftFormValues, HubBallotPage } from "./hub-views.tsx";
import { ProxySection } from "./proxy-views.tsx";
import { ballotProblem, ballotsContext, signedIn } from "./respond.ts";
import { BallotListPage, platformNamer, ReceiptPage, RegionBallotPage } from "./views.tsx";

type Frame = Omit<FrameProps, "title" | "children">;

/** The site's frame: the same navigation and account on every page. */
const frame = (c: Context<TenantEnv>, currentPath: string): Frame => pageFrame(c, currentPath);

function render(c: Context<TenantEnv>, page: unknown, status: 200 | 400 = 200) {
  c.header("Cache-Control", "no-store");
  return c.html(`<!doctype html>${page}`, status);
}

/** The pages' forms, checked before anything reads them. */
const DraftForm = z
  .object({
    choice: field.line(20),
    maxChoices: field.line(10),
    maxProxiesPerHolder: field.line(10),
    substitutesAllowed: field.line(10),
    majority: field.line(40),
    quorum: field.line(20),
    secrecy: field.line(20),
    opensAt: field.line(40),
    closesAt: field.line(40),
    graceMinutes: field.line(10),
  })
  .catchall(field.lines(20_000));
const VoteForm = z.object({ choice: field.choices(50), onBehalfOf: field.line(10) });
const ProxyForm = z.object({ holder: field.line(10), intent: field.line(20), confirm: field.line(10) });
const CancelForm = z.object({ reason: field.lines(2000) });
const InRoomForm = z.object({ choice: field.line(100), platformId: field.line(10), castBy: field.line(20) });

const localized = (form: Record<string, string | undefined>, name: string): LocalizedText =>
  Object.fromEntries(LOCALES.map((l) => [l, (form[`${name}.${l}`] ?? "").trim()]).filter(([, v]) => v !== ""));

/** A choice from the form's values: "option:<id>" (one or more), "abstain" or "blank". */
function choiceOf(values: readonly string[]): VoteChoice | undefined {
  if (values.length === 0) return undefined;
  if (values.includes("abstain")) return { kind: "abstain" };
  if (values.includes("blank")) return { kind: "blank" };
  const optionIds = values.filter((v) => v.startsWith("option:")).map((v) => v.slice("option:".length));
  return optionIds.length === 0 ? undefined : { kind: "options", optionIds };
}

/** Who cast an in-room vote, from the form: "representative", "substitute" or "proxy:<holder>". */
function castByOf(value: string): CastBy {
  if (value === "substitute") return { kind: "substitute" };
  if (value.startsWith("proxy:")) return { kind: "proxy", holder: value.slice("proxy:".length) as CountryCode };
  return { kind: "representative" };
}

const replacedOf = (votes: readonly CastVote[]) =>
  replacedVotes(
    votes.map((v) => ({ id: v.id, proxyFor: v.proxyFor, signedAt: v.signedAt, refused: v.status === "refused" })),
  );

const notice = (c: Context<TenantEnv>) => {
  const key = c.req.query("notice");
  return key && /^[a-z]+$/.test(key) ? c.get("t")(`ballots.notice.${key}` as MessageKey) : undefined;
};

/**
 * The rules the draft form describes: yes / no, or the options listed one per line (the same
 * number in every language that lists them), single or multiple choice; majority, quorum,
 * publication, proxies and substitutes. Returns the field problem when the lists disagree; the
 * domain checks the rest.
 */
function rulesFromForm(values: DraftFormValues): BallotRules | FieldProblem {
  const base = defaultBallotRules();
  const lists = LOCALES.map((locale) => ({
    locale,
    lines: (values.options[locale] ?? "")
      .split(/\r?\n/)
      .map((line) => line.trim())
      .filter((line) => line !== ""),
  })).filter((list) => list.lines.length > 0);
  const count = lists[0]?.lines.length ?? 0;
  if (lists.some((list) => list.lines.length !== count)) {
    return { field: `options.${lists[0]?.locale ?? "en"}`, code: "options-mismatch" };
  }
  const maxChoices = Number.parseInt(values.maxChoices, 10);
  const options: BallotRules["options"] =
    count === 0
      ? { kind: "yes-no" }
      : {
          kind: "custom",
          options: Array.from({ length: count }, (_, n) => ({
            id: `option-${n + 1}`,
            label: Object.fromEntries(lists.map((list) => [list.locale, list.lines[n] ?? ""])),
          })),
          choice:
            values.choice === "multiple"
              ? { kind: "multiple", maxChoices: Number.isFinite(maxChoices) ? maxChoices : 0 }
              : { kind: "single" },
        };
  const proxies = Number.parseInt(values.maxProxiesPerHolder, 10);
  return {
    ...base,
    options,
    majority:
      values.majority === "absolute"
        ? { kind: "absolute" }
        : values.majority === "two-thirds"
          ? { kind: "qualified", share: fraction(2, 3), base: "cast", comparison: "at-least" }
          : { kind: "simple" },
    quorum: values.quorum === "none" ? null : values.quorum === "two-thirds" ? fraction(2, 3) : fraction(1, 2),
    secrecy: values.secrecy === "secret" ? "secret" : "roll-call",
    maxProxiesPerHolder: Number.isFinite(proxies) ? proxies : -1,
    substitutesAllowed: values.substitutesAllowed,
  };
}

interface FieldProblem {
  field: string;
  code: string;
  params?: Record<string, string | number> | undefined;
}

/** Where the draft form shows a problem the use-case names by its rules path. */
function formField(field: string, values: DraftFormValues): string {
  if (field === "title") return "title.en";
  if (field === "rules.options.choice.maxChoices") return "maxChoices";
  if (field.startsWith("rules.options")) {
    return `options.${LOCALES.find((l) => (values.options[l] ?? "").trim() !== "") ?? "en"}`;
  }
  return field.startsWith("rules.") ? field.slice("rules.".length) : field;
}

/** The ballots' pages: lists, the hub's drafting and management, the region's vote and receipt. */
export function mountBallotPages(router: OpenAPIHono<TenantEnv>, deps: BallotsDeps): void {
  router.get("/ballots", authorize("ballots.list"), async (c) => {
    const now = deps.clock();
    const ballots = await listBallots(ballotsContext(c, deps), { includeDrafts: c.get("tenant").kind === "hub" });
    return render(
      c,
      <BallotListPage
        frame={frame(c, "/ballots")}
        ballots={ballots.map((ballot) => ({ ballot, phase: ballotPhase(ballot, now) }))}
        canDraft={mayDo(c, "ballots.manage")}
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
    options: {},
    choice: "single",
    maxChoices: "2",
    maxProxiesPerHolder: String(defaultBallotRules().maxProxiesPerHolder),
    substitutesAllowed: defaultBallotRules().substitutesAllowed,
  });

  router.get("/ballots/new", authorize("ballots.manage"), (c) =>
    render(c, <DraftBallotPage frame={frame(c, "/ballots/new")} values={emptyDraft()} />),
  );

  router.post("/ballots", authorize("ballots.manage"), async (c) => {
    const parsed = await parseForm(c, DraftForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const values: DraftFormValues = {
      title: localized(form, "title"),
      description: localized(form, "description"),
      options: localized(form, "options"),
      choice: form.choice,
      maxChoices: form.maxChoices,
      maxProxiesPerHolder: form.maxProxiesPerHolder,
      substitutesAllowed: form.substitutesAllowed === "yes",
      majority: form.majority,
      quorum: form.quorum,
      secrecy: form.secrecy,
      opensAt: form.opensAt,
      closesAt: form.closesAt,
      graceMinutes: form.graceMinutes,
    };
    const grace = Number.parseInt(values.graceMinutes, 10);
    const auth = signedIn(c);
    const rules = rulesFromForm(values);
    const showErrors = (problems: readonly FieldProblem[]) => {
      const errors: FieldErrorView[] = problems.map((p) => ({
        field: formField(p.field, values),
        message: c.get("t")(`ballots.error.${p.code}` as MessageKey, p.params),
      }));
      return render(c, <DraftBallotPage frame={frame(c, "/ballots/new")} values={values} errors={errors} />, 400);
    };
    if ("code" in rules) return showErrors([rules]);
    const result = await createBallot(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      {
        title: values.title,
        description: values.description,
        rules,
        opensAt: new Date(`${values.opensAt}Z`),
        closesAt: new Date(`${values.closesAt}Z`),
        graceMs: Number.isFinite(grace) ? grace * 60_000 : -1,
      },
    );
    if (result.ok) return c.redirect(`/ballots/${result.value.id}?notice=drafted`, 303);
    if (result.error.kind !== "invalid") return ballotProblem(c, result.error);
    return showErrors(result.error.problems);
  });

  router.get("/ballots/:id{[0-9a-f-]{36}}", authorize("ballots.list"), async (c) => {
    const ctx = ballotsContext(c, deps);
    const id = c.req.param("id");
    const now = deps.clock();
    const path = `/ballots/${id}`;
    if (c.get("tenant").kind === "hub") {
      const view = await getHubBallot(ctx, id);
      if (view === undefined) return ballotProblem(c, { kind: "not-found" });
      const canManage = mayDo(c, "ballots.manage");
      const preview = canManage && view.ballot.status === "draft" ? await previewElectorate(ctx) : undefined;
      return render(
        c,
        <HubBallotPage
          preview={preview?.ok ? preview.value : undefined}
          frame={frame(c, path)}
          ballot={view.ballot}
          phase={ballotPhase(view.ballot, now)}
          turnout={view.turnout}
          mandates={view.mandates}
          result={view.result}
          verifiedBy={view.attestations.filter((a) => a.agrees).length}
          disputes={view.attestations.filter((a) => !a.agrees)}
          lateVotes={view.lateVotes}
          regions={view.regions.length}
          canManage={canManage}
          canRecord={mayDo(c, "ballots.record-in-room")}
          notice={notice(c)}
        />,
      );
    }
    const person = c.get("auth")?.person;
    const view = await getRegionBallot(ctx, id, person?.platformId ?? null);
    if (view === undefined) return ballotProblem(c, { kind: "not-found" });
    const phase = ballotPhase(view.ballot, now);
    const canVote =
      phase === "voting" &&
      mayDo(c, "ballots.vote") &&
      person?.platformSeat != null &&
      (person.platformSeat === "representative" || view.ballot.rules.substitutesAllowed);
    const platformName = platformNamer(c.get("locale"));
    const pageFrame = frame(c, path);
    return render(
      c,
      <RegionBallotPage
        frame={pageFrame}
        ballot={view.ballot}
        phase={phase}
        votes={view.votes}
        replaced={replacedOf(view.votes)}
        result={view.result}
        canVote={canVote}
        platformName={platformName}
        proxies={
          view.platformCode !== null &&
          person?.platformSeat != null && (
            <ProxySection
              t={c.get("t")}
              ballot={view.ballot}
              csrfToken={pageFrame.csrfToken}
              platformCode={view.platformCode}
              mandates={view.mandates}
              delegations={view.delegations}
              canAct={canVote}
              platformName={platformName}
            />
          )
        }
        notice={notice(c)}
      />,
    );
  });

  router.post("/ballots/:id/vote", authorize("ballots.vote"), async (c) => {
    const parsed = await parseForm(c, VoteForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const choice = choiceOf(form.choice);
    const id = c.req.param("id");
    if (choice === undefined) {
      return ballotProblem(c, {
        kind: "invalid",
        problems: [{ field: "choice", code: "no-choice" }],
      });
    }
    const onBehalfOf = form.onBehalfOf.trim();
    const result = await castVote(ballotsContext(c, deps), signedIn(c).person, id, choice, {
      onBehalfOf: onBehalfOf === "" ? undefined : onBehalfOf,
    });
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}/votes/${result.value.id}?notice=voted`, 303);
  });

  router.post("/ballots/:id/proxy", authorize("ballots.vote"), async (c) => {
    const parsed = await parseForm(c, ProxyForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const id = c.req.param("id");
    const holder = form.holder.trim();
    // Giving the vote needs a platform chosen and the choice confirmed; withdrawing needs neither.
    if (form.intent !== "withdraw") {
      const missing = holder === "" ? "proxy-not-chosen" : form.confirm !== "yes" ? "proxy-not-confirmed" : undefined;
      if (missing !== undefined) {
        const field = missing === "proxy-not-chosen" ? "holder" : "confirm";
        return problem(c, "validation", {
          errors: [{ field, pointer: `/${field}`, code: missing, message: c.get("t")(`ballots.error.${missing}`) }],
        });
      }
    }
    const result = await delegateVote(ballotsContext(c, deps), signedIn(c).person, id, holder === "" ? null : holder);
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=${holder === "" ? "withdrawn" : "delegated"}`, 303);
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
      <ReceiptPage
        frame={frame(c, `/ballots/${id}`)}
        ballot={view.ballot}
        vote={vote}
        replaced={replacedOf(view.votes).has(vote.id)}
        platformName={platformNamer(c.get("locale"))}
        notice={notice(c)}
      />,
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
    const parsed = await parseForm(c, CancelForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const auth = signedIn(c);
    const id = c.req.param("id");
    const result = await cancelBallot(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      id,
      form.reason,
    );
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=cancelled`, 303);
  });

  router.post("/ballots/:id/in-room", authorize("ballots.record-in-room"), async (c) => {
    const parsed = await parseForm(c, InRoomForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const auth = signedIn(c);
    const id = c.req.param("id");
    const choice = choiceOf([form.choice]);
    if (choice === undefined)
      return ballotProblem(c, { kind: "invalid", problems: [{ field: "choice", code: "no-choice" }] });
    const result = await recordInRoomVote(
      ballotsContext(c, deps),
      { personId: auth.person.id, name: auth.person.displayName },
      id,
      { platformId: form.platformId, choice, castBy: castByOf(form.castBy) },
    );
    if (!result.ok) return ballotProblem(c, result.error);
    return c.redirect(`/ballots/${id}?notice=recorded`, 303);
  });
}
