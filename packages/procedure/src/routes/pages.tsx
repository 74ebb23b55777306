import { LOCALES, type Locale } from "@dynamo/core";
import type { MessageKey } from "@dynamo/ui";
import type { TenantEnv } from "@dynamo/web";
import { authorize, formField as field, mayDo, pageFrame, parseForm, problem, renderPage, signedIn } from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import type { ProcedureDeps } from "../deps.ts";
import { isTextKey, type Operation } from "../domain/text.ts";
import * as views from "../services/amendment-views.ts";
import * as amendments from "../services/amendments.ts";
import * as regional from "../services/regional.ts";
import * as rules from "../services/rules.ts";
import { AmendFormPage, AmendmentListPage, AmendmentPage } from "../views/amendment-pages.tsx";
import { DraftPage, ImportPage } from "../views/draft-pages.tsx";
import { ComparePage, HistoryPage, RulesListPage, VersionPage } from "../views/rules-pages.tsx";
import { printableVersionHtml } from "./printable.tsx";
import { procedureContext, procedureProblem } from "./respond.ts";

const asking = (c: Context<TenantEnv>) => {
  const auth = signedIn(c);
  return { personId: auth.person.id, name: auth.person.displayName };
};

const notice = (c: Context<TenantEnv>) => {
  const key = c.req.query("notice");
  return key && /^[a-z]+$/.test(key) ? c.get("t")(`procedure.notice.${key}` as MessageKey) : undefined;
};

const wordingOf = (form: Record<string, unknown>): Partial<Record<Locale, string>> =>
  Object.fromEntries(
    LOCALES.map((l) => [l, String(form[`wording.${l}`] ?? "").trim()]).filter(([, v]) => v !== ""),
  ) as Partial<Record<Locale, string>>;

const Wordings = Object.fromEntries(LOCALES.map((l) => [`wording.${l}`, field.lines(20_000)]));
const AmendForm = z.object({
  op: z.enum(["replace", "insert", "delete"]),
  articleId: field.line(200),
  after: field.line(220),
  rationale: field.lines(20_000),
  ...Wordings,
});
const DecideForm = z.object({ admissible: z.enum(["yes", "no"]), reason: field.lines(20_000) });
const ScheduleForm = z.object({ closesAt: field.line(40) });
const ApplyForm = z.object({ note: field.lines(20_000) });
const CommentForm = z.object({ articleId: field.line(200), body: field.lines(5000) });
const ImportForm = z.object(Object.fromEntries(LOCALES.map((l) => [`markdown.${l}`, field.lines(200_000)])));

/** A datetime-local value (UTC) two weeks from now, the default close of an IPG ballot. */
const inTwoWeeks = (now: Date) => new Date(now.getTime() + 14 * 86_400_000).toISOString().slice(0, 16);
const closesAtOf = (value: string, now: Date) => {
  const at = new Date(`${value}Z`);
  return Number.isNaN(at.getTime()) ? new Date(now.getTime() + 14 * 86_400_000) : at;
};

/** The rules of procedure's pages: server-rendered, working without JavaScript, in four languages. */
export function mountProcedurePages(router: OpenAPIHono<TenantEnv>, deps: ProcedureDeps): void {
  const ctxOf = (c: Context<TenantEnv>) => procedureContext(c, deps);
  const textKeyOf = (c: Context<TenantEnv>) => {
    const key = c.req.param("textKey") ?? "";
    return isTextKey(key) ? key : undefined;
  };

  router.get("/rules", authorize("procedure.read"), async (c) => {
    const ctx = ctxOf(c);
    const own = rules.ownRegionalKey(ctx);
    const canImport = mayDo(c, "procedure.import")
      ? c.get("tenant").kind === "hub"
        ? "international"
        : own
      : undefined;
    return renderPage(
      c,
      <RulesListPage
        frame={pageFrame(c, "/rules")}
        texts={await rules.listRules(ctx)}
        drafts={await regional.listDrafts(ctx)}
        canImport={canImport}
      />,
    );
  });

  const showVersion = async (c: Context<TenantEnv>, number: number | undefined, print: boolean) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const ctx = ctxOf(c);
    const version = await rules.getVersion(ctx, textKey, number);
    if (version === undefined) {
      if (number === undefined && (await regional.getDraft(ctx, textKey)) !== undefined)
        return c.redirect(`/rules/${textKey}/draft`, 303);
      return problem(c, "not-found");
    }
    const versions = await rules.listVersions(ctx, textKey);
    if (print) {
      c.header("Cache-Control", "no-store");
      return c.html(printableVersionHtml(c, version, versions));
    }
    const canPropose =
      mayDo(c, "procedure.propose") && (textKey === "international" || textKey === rules.ownRegionalKey(ctx));
    return renderPage(
      c,
      <VersionPage
        frame={pageFrame(c, "/rules")}
        version={version}
        versions={versions}
        canPropose={canPropose && c.get("tenant").kind === "region"}
        print={false}
      />,
    );
  };
  const versionNumber = (c: Context<TenantEnv>) => {
    const n = Number(c.req.param("number"));
    return Number.isInteger(n) && n >= 1 ? n : -1;
  };

  router.get("/rules/:textKey", authorize("procedure.read"), (c) => showVersion(c, undefined, false));
  router.get("/rules/:textKey/versions/:number", authorize("procedure.read"), (c) =>
    showVersion(c, versionNumber(c), false),
  );
  router.get("/rules/:textKey/versions/:number/print", authorize("procedure.read"), (c) =>
    showVersion(c, versionNumber(c), true),
  );

  router.get("/rules/:textKey/compare", authorize("procedure.read"), async (c) => {
    const textKey = textKeyOf(c);
    const from = Number(c.req.query("from"));
    const to = Number(c.req.query("to"));
    if (textKey === undefined || !Number.isInteger(from) || !Number.isInteger(to)) return problem(c, "not-found");
    const result = await rules.compareVersions(ctxOf(c), textKey, from, to, c.get("locale"));
    if (!result.ok) return procedureProblem(c, result.error);
    return renderPage(
      c,
      <ComparePage
        frame={pageFrame(c, "/rules")}
        textKey={textKey}
        from={from}
        to={to}
        changes={result.value.changes}
      />,
    );
  });

  router.get("/rules/:textKey/articles/:articleId", authorize("procedure.read"), async (c) => {
    const textKey = textKeyOf(c);
    const articleId = c.req.param("articleId");
    if (textKey === undefined || articleId.length > 200) return problem(c, "not-found");
    const result = await rules.articleHistory(ctxOf(c), textKey, articleId, c.get("locale"));
    if (!result.ok) return procedureProblem(c, result.error);
    return renderPage(
      c,
      <HistoryPage frame={pageFrame(c, "/rules")} textKey={textKey} articleId={articleId} entries={result.value} />,
    );
  });

  router.get("/rules/:textKey/amend", authorize("procedure.propose"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const version = await rules.getVersion(ctxOf(c), textKey);
    if (version === undefined) return procedureProblem(c, { kind: "no-version" });
    return renderPage(c, <AmendFormPage frame={pageFrame(c, "/amendments")} version={version} />);
  });

  router.post("/rules/:textKey/amendments", authorize("procedure.propose"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const parsed = await parseForm(c, AmendForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value as z.infer<typeof AmendForm> & Record<string, string>;
    const wording = wordingOf(form);
    let operation: Operation;
    if (form.op === "delete") operation = { op: "delete", articleId: form.articleId };
    else if (form.op === "replace") operation = { op: "replace", articleId: form.articleId, wording };
    else {
      const [where, id = ""] = form.after.split(":");
      const ctx = ctxOf(c);
      const version = await rules.getVersion(ctx, textKey);
      const sectionId =
        where === "start" ? id : (version?.text.sections.find((s) => s.articles.some((a) => a.id === id))?.id ?? "");
      operation = {
        op: "insert",
        sectionId,
        after: where === "start" ? null : id,
        article: { id: `art-${deps.newId().slice(0, 8)}`, wording },
      };
    }
    const result = await amendments.proposeAmendment(ctxOf(c), asking(c), {
      textKey,
      operations: [operation],
      rationale: form.rationale,
    });
    if (!result.ok) return procedureProblem(c, result.error);
    return c.redirect(`/amendments/${result.value.id}?notice=proposed`, 303);
  });

  router.get("/amendments", authorize("procedure.read"), async (c) =>
    renderPage(
      c,
      <AmendmentListPage
        frame={pageFrame(c, "/amendments")}
        amendments={await views.listAmendments(ctxOf(c))}
        notice={notice(c)}
      />,
    ),
  );

  router.get("/amendments/:id", authorize("procedure.read"), async (c) => {
    const id = c.req.param("id");
    if (!z.string().uuid().safeParse(id).success) return problem(c, "not-found");
    const detail = await views.getAmendment(ctxOf(c), id);
    if (detail === undefined) return problem(c, "not-found");
    const a = detail.amendment;
    const mine = a.origin === "local" && a.author.personId === c.get("auth")?.person.id;
    const manage = c.get("tenant").kind === "hub" && mayDo(c, "procedure.manage");
    return renderPage(
      c,
      <AmendmentPage
        frame={pageFrame(c, "/amendments")}
        detail={detail}
        notice={notice(c)}
        defaultCloses={inTwoWeeks(deps.clock())}
        may={{
          withdraw: mine && ["draft", "submitted", "admissible", "not-admissible"].includes(a.state),
          rebase: mine && detail.stale,
          decide: manage && a.state === "submitted",
          schedule: manage && a.state === "admissible" && !detail.stale,
          apply: manage && a.state === "adopted",
        }}
      />,
    );
  });

  const amendmentAction = (
    path: string,
    action: "procedure.propose" | "procedure.manage",
    run: (c: Context<TenantEnv>, id: string) => Promise<Response>,
  ) =>
    router.post(`/amendments/:id/${path}`, authorize(action), async (c) => {
      const id = c.req.param("id");
      if (!z.string().uuid().safeParse(id).success) return problem(c, "not-found");
      return run(c, id);
    });
  const done = (c: Context<TenantEnv>, id: string) => c.redirect(`/amendments/${id}?notice=done`, 303);

  amendmentAction("withdraw", "procedure.propose", async (c, id) => {
    const result = await amendments.withdrawAmendment(ctxOf(c), asking(c), id);
    return result.ok ? done(c, id) : procedureProblem(c, result.error);
  });
  amendmentAction("rebase", "procedure.propose", async (c, id) => {
    const parsed = await parseForm(c, z.object(Wordings));
    if (!parsed.ok) return parsed.response;
    const ctx = ctxOf(c);
    const detail = await views.getAmendment(ctx, id);
    if (detail === undefined) return problem(c, "not-found");
    const wording = wordingOf(parsed.value as Record<string, string>);
    const operations = detail.amendment.operations.map((op) => (op.op === "replace" ? { ...op, wording } : op));
    const result = await amendments.rebaseAmendment(ctx, asking(c), id, operations);
    return result.ok ? done(c, id) : procedureProblem(c, result.error);
  });
  amendmentAction("admissibility", "procedure.manage", async (c, id) => {
    const parsed = await parseForm(c, DecideForm);
    if (!parsed.ok) return parsed.response;
    const result = await amendments.decideAdmissibility(ctxOf(c), id, {
      admissible: parsed.value.admissible === "yes",
      reason: parsed.value.reason,
    });
    return result.ok ? done(c, id) : procedureProblem(c, result.error);
  });
  amendmentAction("schedule", "procedure.manage", async (c, id) => {
    const parsed = await parseForm(c, ScheduleForm);
    if (!parsed.ok) return parsed.response;
    const result = await amendments.scheduleAmendment(ctxOf(c), asking(c), id, {
      closesAt: closesAtOf(parsed.value.closesAt, deps.clock()),
      graceMs: 60 * 60_000,
    });
    return result.ok ? done(c, id) : procedureProblem(c, result.error);
  });
  amendmentAction("apply", "procedure.manage", async (c, id) => {
    const parsed = await parseForm(c, ApplyForm);
    if (!parsed.ok) return parsed.response;
    const ctx = ctxOf(c);
    const detail = await views.getAmendment(ctx, id);
    if (detail === undefined) return problem(c, "not-found");
    // The secretariat's resolution keeps the amendment's wording, with the note recorded.
    const resolution =
      parsed.value.note.trim() === ""
        ? undefined
        : { operations: detail.amendment.operations, note: parsed.value.note };
    const result = await amendments.applyAmendment(ctx, id, resolution);
    return result.ok ? done(c, id) : procedureProblem(c, result.error);
  });

  router.get("/rules/:textKey/import", authorize("procedure.import"), (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    return renderPage(c, <ImportPage frame={pageFrame(c, "/rules")} textKey={textKey} />);
  });
  router.post("/rules/:textKey/import", authorize("procedure.import"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const parsed = await parseForm(c, ImportForm);
    if (!parsed.ok) return parsed.response;
    const markdown = Object.fromEntries(
      LOCALES.map((l) => [l, String((parsed.value as Record<string, string>)[`markdown.${l}`] ?? "")]),
    );
    const result = await rules.importRules(ctxOf(c), textKey, markdown);
    if (!result.ok) return procedureProblem(c, result.error);
    return c.redirect(result.value.kind === "draft" ? `/rules/${textKey}/draft` : `/rules/${textKey}`, 303);
  });

  router.get("/rules/:textKey/draft", authorize("procedure.read"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const found = await regional.getDraft(ctxOf(c), textKey);
    if (found === undefined) return problem(c, "not-found");
    const own = textKey === rules.ownRegionalKey(ctxOf(c));
    return renderPage(
      c,
      <DraftPage
        frame={pageFrame(c, "/rules")}
        draft={found.draft}
        comments={found.comments}
        defaultCloses={inTwoWeeks(deps.clock())}
        may={{
          comment: own && mayDo(c, "procedure.comment"),
          submit: own && mayDo(c, "procedure.draft"),
          schedule: c.get("tenant").kind === "hub" && mayDo(c, "procedure.manage"),
        }}
      />,
    );
  });
  router.post("/rules/:textKey/draft/comments", authorize("procedure.comment"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const parsed = await parseForm(c, CommentForm);
    if (!parsed.ok) return parsed.response;
    const result = await regional.commentDraft(ctxOf(c), asking(c), parsed.value.articleId, parsed.value.body);
    if (!result.ok) return procedureProblem(c, result.error);
    return c.redirect(`/rules/${textKey}/draft#${parsed.value.articleId}`, 303);
  });
  router.post("/rules/:textKey/draft/submit", authorize("procedure.draft"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined || textKey !== rules.ownRegionalKey(ctxOf(c))) return problem(c, "not-found");
    const result = await regional.submitDraft(ctxOf(c));
    if (!result.ok) return procedureProblem(c, result.error);
    return c.redirect(`/rules/${textKey}/draft`, 303);
  });
  router.post("/rules/:textKey/draft/schedule", authorize("procedure.manage"), async (c) => {
    const textKey = textKeyOf(c);
    if (textKey === undefined) return problem(c, "not-found");
    const parsed = await parseForm(c, ScheduleForm);
    if (!parsed.ok) return parsed.response;
    const result = await regional.scheduleDraft(ctxOf(c), asking(c), textKey, {
      closesAt: closesAtOf(parsed.value.closesAt, deps.clock()),
      graceMs: 60 * 60_000,
    });
    if (!result.ok) return procedureProblem(c, result.error);
    return c.redirect(`/rules/${textKey}/draft`, 303);
  });
}
