import {
  isLocale,
  isRole,
  type Person,
  PLATFORM_SEATS,
  type PlatformSeat,
  pickLocalized,
  rolesFor,
} from "@dynamo/core";
import type { FieldErrorView, MessageKey } from "@dynamo/ui";
import type { TenantEnv } from "@dynamo/web";
import { authorize, formField, mayDo, orNull, pageFrame, parseForm, renderPage, signedIn } from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createPlatformRepo } from "../db/platforms.ts";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { deletePendingMember, disableMember, enableMember } from "../services/accounts.ts";
import type { IdentityError } from "../services/errors.ts";
import {
  getMember,
  type InvitationInput,
  inviteMember,
  listMembers,
  revokeMemberSessions,
  startPasswordReset,
  updateMember,
} from "../services/members.ts";
import { type IssuedLinkView, MemberEditPage, MembersPage, type PlatformOption } from "../views/members-pages.tsx";
import { fieldErrors, identityProblem, issuedLinkUrl } from "./respond.ts";

/** The invitation form and the membership form, checked before anything reads them. */
const InvitationForm = z.object({
  email: formField.line(320),
  displayName: formField.line(120),
  locale: formField.line(10),
  roles: formField.choices(10),
  platformId: formField.line(100),
  platformSeat: formField.line(20),
});
const MembershipForm = z.object({
  roles: formField.choices(10),
  platformId: formField.line(100),
  platformSeat: formField.line(20),
});

const seatOf = (value: string): PlatformSeat | null =>
  (PLATFORM_SEATS as readonly string[]).includes(value) ? (value as PlatformSeat) : null;

/** How a failed form is shown on its page: field errors in place, other refusals as a message. */
function formFailure(c: Context<TenantEnv>, error: IdentityError) {
  const { t } = c.var;
  switch (error.kind) {
    case "invalid":
      return { status: 400 as const, errors: fieldErrors(c, error.problems), message: undefined };
    case "conflict":
      return { status: 409 as const, errors: [], message: t(`identity.conflict.${error.reason}`) };
    case "forbidden-role":
      return { status: 403 as const, errors: [], message: t("identity.error.forbidden-role") };
    default:
      return undefined;
  }
}

/** The members administration: the roster, invitations, roles, reset links and revocations. */
export function mountMemberPages(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  const platformOptions = async (c: Context<TenantEnv>): Promise<PlatformOption[]> =>
    (await createPlatformRepo(deps.db, c.get("tenant").id).list()).map((p) => ({
      id: p.id,
      label: `${pickLocalized(p.names, c.get("locale")) ?? p.countryCode} (${p.countryCode})`,
    }));

  const membersPage = async (
    c: Context<TenantEnv>,
    options: {
      invite?: InvitationInput;
      link?: IssuedLinkView;
      errors?: FieldErrorView[];
      errorMessage?: string | undefined;
      notice?: string | undefined;
      status?: 200 | 400 | 403 | 409;
    } = {},
  ) => {
    const members = await listMembers(identityContext(c, deps));
    const page = (
      <MembersPage
        frame={pageFrame(c, "/admin/members")}
        members={members}
        platforms={await platformOptions(c)}
        roles={rolesFor(c.get("tenant").kind)}
        canInvite={mayDo(c, "members.invite")}
        canEdit={mayDo(c, "members.update")}
        invite={
          options.invite ?? {
            email: "",
            displayName: "",
            locale: c.get("tenant").defaultLocale,
            roles: [],
            platformId: null,
            platformSeat: null,
          }
        }
        link={options.link}
        errors={options.errors}
        errorMessage={options.errorMessage}
        notice={options.notice}
      />
    );
    return renderPage(c, page, options.status ?? 200);
  };

  router.get("/admin/members", authorize("members.list"), (c) => {
    return membersPage(c, c.req.query("deleted") ? { notice: c.get("t")("identity.members.deleted") } : {});
  });

  router.post("/admin/members", authorize("members.invite"), async (c) => {
    const parsed = await parseForm(c, InvitationForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const locale = form.locale;
    const input: InvitationInput = {
      email: form.email,
      displayName: form.displayName,
      locale: isLocale(locale) ? locale : c.get("tenant").defaultLocale,
      roles: form.roles.filter(isRole),
      platformId: orNull(form.platformId),
      platformSeat: seatOf(form.platformSeat),
    };
    const result = await inviteMember(identityContext(c, deps), signedIn(c), input);
    if (!result.ok) {
      const failure = formFailure(c, result.error);
      if (failure === undefined) return identityProblem(c, result.error);
      return membersPage(c, {
        invite: input,
        errors: failure.errors,
        errorMessage: failure.message,
        status: failure.status,
      });
    }
    const { person, link } = result.value;
    return membersPage(c, {
      link: {
        name: person.displayName,
        url: issuedLinkUrl(c, deps, person, "/invitation", link),
        expiresAt: link.expiresAt,
      },
    });
  });

  const editPage = async (
    c: Context<TenantEnv>,
    member: Person,
    options: {
      notice?: string;
      link?: IssuedLinkView;
      errors?: FieldErrorView[];
      errorMessage?: string | undefined;
      status?: 200 | 400 | 403 | 409;
    } = {},
  ) =>
    renderPage(
      c,
      <MemberEditPage
        frame={pageFrame(c, "/admin/members")}
        member={member}
        platforms={await platformOptions(c)}
        roles={rolesFor(c.get("tenant").kind)}
        canReset={mayDo(c, "members.reset-password")}
        canRevoke={mayDo(c, "members.revoke-sessions")}
        canDisable={mayDo(c, "members.disable")}
        canDelete={mayDo(c, "members.delete")}
        notice={options.notice}
        link={options.link}
        errors={options.errors}
        errorMessage={options.errorMessage}
      />,
      options.status ?? 200,
    );

  router.get("/admin/members/:id", authorize("members.update"), async (c) => {
    const member = await getMember(identityContext(c, deps), c.req.param("id"));
    if (member === undefined) return identityProblem(c, { kind: "not-found" });
    return editPage(c, member, c.req.query("saved") ? { notice: c.get("t")("identity.members.saved") } : {});
  });

  router.post("/admin/members/:id", authorize("members.update"), async (c) => {
    const parsed = await parseForm(c, MembershipForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const ctx = identityContext(c, deps);
    const id = c.req.param("id");
    const result = await updateMember(ctx, signedIn(c), id, {
      roles: form.roles.filter(isRole),
      platformId: orNull(form.platformId),
      platformSeat: seatOf(form.platformSeat),
    });
    if (result.ok) return c.redirect(`/admin/members/${result.value.id}?saved=1`, 303);
    const failure = formFailure(c, result.error);
    const member = await getMember(ctx, id);
    if (failure === undefined || member === undefined) return identityProblem(c, result.error);
    return editPage(c, member, { errors: failure.errors, errorMessage: failure.message, status: failure.status });
  });

  router.post("/admin/members/:id/password-reset", authorize("members.reset-password"), async (c) => {
    const result = await startPasswordReset(identityContext(c, deps), signedIn(c), c.req.param("id"));
    if (!result.ok) return identityProblem(c, result.error);
    const { person, link } = result.value;
    const path = person.status === "pending" ? "/invitation" : "/password-reset";
    return editPage(c, person, {
      link: { name: person.displayName, url: issuedLinkUrl(c, deps, person, path, link), expiresAt: link.expiresAt },
    });
  });

  for (const [path, change] of [
    ["disable", disableMember],
    ["enable", enableMember],
  ] as const) {
    router.post(`/admin/members/:id/${path}`, authorize("members.disable"), async (c) => {
      const ctx = identityContext(c, deps);
      const result = await change(ctx, signedIn(c), c.req.param("id"));
      if (!result.ok) {
        const member = await getMember(ctx, c.req.param("id"));
        if (result.error.kind !== "conflict" || member === undefined) return identityProblem(c, result.error);
        const message = c.get("t")(`identity.conflict.${result.error.reason}` as MessageKey);
        return editPage(c, member, { errorMessage: message, status: 409 });
      }
      return editPage(c, result.value, { notice: c.get("t")(`identity.members.${path}d`) });
    });
  }

  router.post("/admin/members/:id/delete", authorize("members.delete"), async (c) => {
    const ctx = identityContext(c, deps);
    const result = await deletePendingMember(ctx, signedIn(c), c.req.param("id"));
    if (!result.ok) {
      const member = await getMember(ctx, c.req.param("id"));
      if (result.error.kind !== "conflict" || member === undefined) return identityProblem(c, result.error);
      const message = c.get("t")(`identity.conflict.${result.error.reason}` as MessageKey);
      return editPage(c, member, { errorMessage: message, status: 409 });
    }
    return c.redirect("/admin/members?deleted=1", 303);
  });

  router.post("/admin/members/:id/revoke-sessions", authorize("members.revoke-sessions"), async (c) => {
    const ctx = identityContext(c, deps);
    const result = await revokeMemberSessions(ctx, signedIn(c), c.req.param("id"));
    const member = await getMember(ctx, c.req.param("id"));
    if (!result.ok || member === undefined) return identityProblem(c, result.ok ? { kind: "not-found" } : result.error);
    return editPage(c, member, { notice: c.get("t").plural("identity.members.revoked", result.value.revoked) });
  });
}
