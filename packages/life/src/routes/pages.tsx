import { isLocale, type Locale } from "@dynamo/core";
import type { FieldErrorView } from "@dynamo/ui";
import { CsrfField, Notice, PageFrame } from "@dynamo/ui";
import {
  authorize,
  formField,
  mayDo,
  pageFrame,
  parseForm,
  problem,
  renderPage,
  signedIn,
  type TenantEnv,
} from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { getCookie, setCookie } from "hono/cookie";
import { createLifeRepo } from "../db/repos.ts";
import type { LifeContext, LifeDeps } from "../deps.ts";
import { PROVIDERS, type Provider, REGIONAL_KINDS, type RegionalKind } from "../domain/event.ts";
import { isContinent } from "../domain/rotation.ts";
import { isTimeZone, wallTimeToInstant } from "../domain/time.ts";
import type { LifeError } from "../services/errors.ts";
import { createRegionalEvent, listNetworkEvents, regionalProgrammes } from "../services/events.ts";
import {
  createIpgEdition,
  decideDelegation,
  listIpgEditions,
  proposeNextIpgHost,
  regionIpgView,
  registerDelegation,
} from "../services/ipg.ts";
import { registerForEvent, registrationOf } from "../services/registration.ts";
import { EventCard, RegistrationState } from "../views/common.tsx";
import { HubIpgPage, RegionIpgPage } from "../views/ipg-page.tsx";
import { type EventFormValues, LifePage } from "../views/life-page.tsx";
import { eventJsonLd } from "../wire/json-ld.ts";
import { mountIpgDocumentPages } from "./ipg-document-pages.tsx";
import { errorMessage, lifeProblem } from "./respond.ts";

const NOTICES = {
  recorded: "life.recorded",
  created: "life.ipg.created",
  sent: "life.delegation.sent",
  decided: "life.ipg.decided",
  accepted: "life.registered.accepted",
  waitlisted: "life.registered.waitlisted",
  pending: "life.registered.pending",
  rejected: "life.registered.rejected",
} as const;

/** The reader's zone: chosen on the page (kept in a cookie), UTC until then. */
function readerZone(c: Context<TenantEnv>): string {
  const asked = c.req.query("tz");
  if (asked !== undefined && isTimeZone(asked)) {
    setCookie(c, "tz", asked, { path: "/", sameSite: "Lax", httpOnly: true, maxAge: 365 * 86_400 });
    return asked;
  }
  const kept = getCookie(c, "tz");
  return kept !== undefined && isTimeZone(kept) ? kept : "UTC";
}

const notice = (c: Context<TenantEnv>) => {
  const key = c.req.query("done") as keyof typeof NOTICES | undefined;
  return key !== undefined && key in NOTICES ? c.get("t")(NOTICES[key]) : undefined;
};

const fieldErrors = (c: Context<TenantEnv>, error: LifeError): FieldErrorView[] =>
  error.kind === "invalid"
    ? error.problems.map((p) => ({ field: p.field, message: c.get("t")(`life.invalid.${p.code}` as never) }))
    : [{ field: "", message: errorMessage(c.get("t"), error) }];

const EventForm = z.object({
  kind: formField.line(40),
  name: formField.line(300),
  start: formField.line(40),
  end: formField.line(40),
  timeZone: formField.line(64),
  country: formField.line(2),
  city: formField.line(200),
  theme: formField.line(500),
  indicatorKey: formField.line(200),
  provider: formField.line(40),
  participants: formField.line(10),
  description: formField.lines(5000),
  outcome: formField.lines(5000),
  evidence: formField.lines(20_000),
});

const DelegationForm = z.object({
  representative: formField.line(200),
  substitute: formField.line(200),
  observers: formField.lines(2000),
  interpretation: formField.choices(4),
});

const EditionForm = z.object({
  year: formField.line(4),
  continent: formField.line(2),
  country: formField.line(2),
  city: formField.line(200),
  timeZone: formField.line(64),
  start: formField.line(40),
  end: formField.line(40),
  capacity: formField.line(6),
  repeatReason: formField.line(2000),
});

const lines = (text: string) =>
  text
    .split(/\r?\n/)
    .map((l) => l.trim())
    .filter((l) => l !== "");

/** The network life's pages: the calendar and programme, recording an event, the IPG (hub and regions), an event's page. */
export function mountLifePages(router: OpenAPIHono<TenantEnv>, deps: LifeDeps): void {
  const ctx = (c: Context<TenantEnv>): LifeContext => ({ ...deps, tenant: c.get("tenant"), logger: c.get("logger") });

  const lifePage = async (
    c: Context<TenantEnv>,
    extra: { values?: EventFormValues; errors?: FieldErrorView[] } = {},
    status: 200 | 400 = 200,
  ) => {
    const asked = Number(c.req.query("year"));
    const year = Number.isInteger(asked) && asked >= 2000 && asked <= 2200 ? asked : deps.clock().getUTCFullYear();
    const zone = readerZone(c);
    return renderPage(
      c,
      <LifePage
        frame={pageFrame(c, "/life")}
        year={year}
        readerZone={zone}
        programmes={await regionalProgrammes(ctx(c), year)}
        events={await listNetworkEvents(ctx(c), { from: new Date(Date.UTC(year - 1, 0, 1)) })}
        canRecord={mayDo(c, "life.record")}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );
  };

  router.get("/life", authorize("life.read"), (c) => lifePage(c));

  router.post("/life/events", authorize("life.record"), async (c) => {
    const parsed = await parseForm(c, EventForm);
    if (!parsed.ok) return parsed.response;
    const f = parsed.value;
    const errors: FieldErrorView[] = [];
    const t = c.get("t");
    const zone = f.timeZone.trim();
    if (!isTimeZone(zone)) errors.push({ field: "timeZone", message: t("life.invalid.time-zone") });
    const startsAt = isTimeZone(zone) ? wallTimeToInstant(f.start, zone) : undefined;
    const endsAt = isTimeZone(zone) ? wallTimeToInstant(f.end, zone) : undefined;
    if (isTimeZone(zone) && startsAt === undefined) errors.push({ field: "start", message: t("life.invalid.date") });
    if (isTimeZone(zone) && endsAt === undefined) errors.push({ field: "end", message: t("life.invalid.date") });
    if (f.name.trim() === "") errors.push({ field: "name", message: t("life.invalid.required") });
    const kind = (REGIONAL_KINDS as readonly string[]).includes(f.kind) ? (f.kind as RegionalKind) : undefined;
    if (kind === undefined) errors.push({ field: "kind", message: t("life.invalid.format") });
    const participants = f.participants.trim() === "" ? null : Number(f.participants);
    if (participants !== null && (!Number.isInteger(participants) || participants < 0))
      errors.push({ field: "participants", message: t("life.invalid.format") });
    const evidence = lines(f.evidence);
    if (evidence.some((u) => !URL.canParse(u))) errors.push({ field: "evidence", message: t("life.invalid.format") });
    const country = f.country.trim().toUpperCase();
    if (country !== "" && !/^[A-Z]{2}$/.test(country))
      errors.push({ field: "country", message: t("life.invalid.format") });
    if (errors.length > 0 || kind === undefined || startsAt === undefined || endsAt === undefined)
      return lifePage(c, { values: f, errors }, 400);
    const result = await createRegionalEvent(ctx(c), {
      kind,
      name: f.name.trim(),
      description: f.description.trim(),
      startsAt,
      endsAt,
      timeZone: zone,
      place: { country: country === "" ? null : country, city: f.city.trim() || null, address: null, url: null },
      theme: f.theme.trim() || null,
      indicatorKey: f.indicatorKey.trim() || null,
      provider: (PROVIDERS as readonly string[]).includes(f.provider) ? (f.provider as Provider) : null,
      platforms: [],
      participants,
      outcome: f.outcome.trim() || null,
      evidence,
      sessions: [],
      objectives: [],
      capacity: null,
      hostCountry: null,
    });
    if (!result.ok) return lifePage(c, { values: f, errors: fieldErrors(c, result.error) }, 400);
    return c.redirect("/life?done=recorded", 303);
  });

  router.get("/life/events/:id", async (c) => {
    const id = c.req.param("id");
    const event = z.string().uuid().safeParse(id).success
      ? await createLifeRepo(deps.db, c.get("tenant").id).event(id)
      : undefined;
    if (event === undefined) return problem(c, "not-found");
    const accept = c.req.header("accept") ?? "";
    if (accept.includes("application/activity+json") || accept.includes("application/ld+json")) {
      return c.body(JSON.stringify(eventJsonLd(event)), 200, { "Content-Type": "application/activity+json" });
    }
    const t = c.get("t");
    const frame = pageFrame(c, "/life");
    const person = c.get("auth") === undefined ? undefined : signedIn(c).person;
    const canRegister = person !== undefined && event.status !== "cancelled" && mayDo(c, "life.register");
    const registration = person === undefined ? undefined : await registrationOf(ctx(c), event.id, person.id);
    return renderPage(
      c,
      <PageFrame {...frame} title={event.name}>
        <Notice text={notice(c)} />
        <EventCard
          own
          t={t}
          event={event}
          readerZone={readerZone(c)}
          register={
            <>
              {registration !== undefined && <RegistrationState t={t} registration={registration} />}
              {canRegister && (registration === undefined || registration.status === "rejected") && (
                <form method="post" action={`/life/events/${event.id}/register`}>
                  <CsrfField token={frame.csrfToken} />
                  <button type="submit">{t("life.register")}</button>
                </form>
              )}
            </>
          }
        />
        {event.description !== "" && <p>{event.description}</p>}
        {event.outcome !== null && <p>{event.outcome}</p>}
        {event.evidence.length > 0 && (
          <ul>
            {event.evidence.map((u) => (
              <li>
                <a href={u}>{u}</a>
              </li>
            ))}
          </ul>
        )}
      </PageFrame>,
    );
  });

  router.post("/life/events/:id/register", authorize("life.register"), async (c) => {
    const id = c.req.param("id");
    if (!z.string().uuid().safeParse(id).success) return problem(c, "not-found");
    const result = await registerForEvent(ctx(c), signedIn(c).person, id);
    if (!result.ok) return lifeProblem(c, result.error);
    return c.redirect(`/life/events/${id}?done=${result.value.status}`, 303);
  });

  const ipgPage = async (
    c: Context<TenantEnv>,
    extra: { errors?: FieldErrorView[] } = {},
    status: 200 | 400 | 409 = 200,
  ) => {
    const zone = readerZone(c);
    const frame = pageFrame(c, "/life/ipg");
    if (c.get("tenant").kind === "hub") {
      const next = await proposeNextIpgHost(ctx(c));
      return renderPage(
        c,
        <HubIpgPage
          frame={frame}
          readerZone={zone}
          history={next.history}
          next={next}
          editions={await listIpgEditions(ctx(c))}
          canManage={mayDo(c, "life.ipg")}
          notice={notice(c)}
          {...extra}
        />,
        status,
      );
    }
    const person = c.get("auth") === undefined ? undefined : signedIn(c).person;
    return renderPage(
      c,
      <RegionIpgPage
        frame={frame}
        readerZone={zone}
        editions={await regionIpgView(ctx(c))}
        canRegister={mayDo(c, "life.delegation") && person?.platformSeat === "representative"}
        notice={notice(c)}
        {...extra}
      />,
      status,
    );
  };

  router.get("/life/ipg", authorize("life.read"), (c) => ipgPage(c));

  router.post("/life/ipg/:id/delegation", authorize("life.delegation"), async (c) => {
    const parsed = await parseForm(c, DelegationForm);
    if (!parsed.ok) return parsed.response;
    const f = parsed.value;
    const id = c.req.param("id");
    if (!z.string().uuid().safeParse(id).success) return problem(c, "not-found");
    if (f.representative.trim() === "")
      return ipgPage(c, { errors: [{ field: "representative", message: c.get("t")("life.invalid.required") }] }, 400);
    const result = await registerDelegation(ctx(c), signedIn(c).person, id, {
      representative: f.representative.trim(),
      substitute: f.substitute.trim() || null,
      observers: lines(f.observers).slice(0, 10),
      interpretation: f.interpretation.filter((l): l is Locale => isLocale(l)),
    });
    if (!result.ok)
      return ipgPage(c, { errors: fieldErrors(c, result.error) }, result.error.kind === "invalid" ? 400 : 409);
    return c.redirect("/life/ipg?done=sent", 303);
  });

  router.post("/life/ipg", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, EditionForm);
    if (!parsed.ok) return parsed.response;
    const f = parsed.value;
    const t = c.get("t");
    const zone = f.timeZone.trim();
    const startsAt = isTimeZone(zone) ? wallTimeToInstant(f.start, zone) : undefined;
    const endsAt = isTimeZone(zone) ? wallTimeToInstant(f.end, zone) : undefined;
    const year = Number(f.year);
    const capacity = Number(f.capacity);
    const errors: FieldErrorView[] = [];
    if (!isTimeZone(zone)) errors.push({ field: "timeZone", message: t("life.invalid.time-zone") });
    if (startsAt === undefined) errors.push({ field: "start", message: t("life.invalid.date") });
    if (endsAt === undefined) errors.push({ field: "end", message: t("life.invalid.date") });
    if (!Number.isInteger(year) || year < 2000 || year > 2200)
      errors.push({ field: "year", message: t("life.invalid.format") });
    if (!Number.isInteger(capacity) || capacity < 1)
      errors.push({ field: "capacity", message: t("life.invalid.format") });
    if (!/^[A-Za-z]{2}$/.test(f.country.trim())) errors.push({ field: "country", message: t("life.invalid.format") });
    if (f.city.trim() === "") errors.push({ field: "city", message: t("life.invalid.required") });
    if (!isContinent(f.continent)) errors.push({ field: "continent", message: t("life.invalid.format") });
    if (errors.length > 0 || startsAt === undefined || endsAt === undefined || !isContinent(f.continent))
      return ipgPage(c, { errors }, 400);
    const result = await createIpgEdition(ctx(c), {
      year,
      continent: f.continent,
      country: f.country.trim().toUpperCase(),
      city: f.city.trim(),
      timeZone: zone,
      startsAt,
      endsAt,
      capacity,
      repeatReason: f.repeatReason.trim() || null,
    });
    if (!result.ok)
      return ipgPage(c, { errors: fieldErrors(c, result.error) }, result.error.kind === "invalid" ? 400 : 409);
    return c.redirect("/life/ipg?done=created", 303);
  });

  router.post("/life/ipg/:id/delegations/:delegationId", authorize("life.ipg"), async (c) => {
    const parsed = await parseForm(c, z.object({ decision: formField.line(20) }));
    if (!parsed.ok) return parsed.response;
    const { id, delegationId } = c.req.param();
    const decision = parsed.value.decision;
    if (!z.string().uuid().safeParse(id).success || !z.string().uuid().safeParse(delegationId).success)
      return problem(c, "not-found");
    if (decision !== "accepted" && decision !== "waitlisted" && decision !== "refused")
      return ipgPage(c, { errors: [{ field: "decision", message: c.get("t")("life.invalid.format") }] }, 400);
    const result = await decideDelegation(ctx(c), id, delegationId, decision, null);
    if (!result.ok) return ipgPage(c, { errors: fieldErrors(c, result.error) }, 409);
    return c.redirect("/life/ipg?done=decided", 303);
  });

  mountIpgDocumentPages(router, deps);
}
