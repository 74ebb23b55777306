import { isLocale, type Locale, pickLocalized } from "@dynamo/core";
import {
  authorize,
  chosenLocale,
  formField,
  pageFrame,
  parseForm,
  problem,
  rememberLocale,
  renderPage,
  safeLocalPath,
  signedIn,
  type TenantEnv,
} from "@dynamo/web";
import { type OpenAPIHono, z } from "@hono/zod-openapi";
import type { Context } from "hono";
import { createPlatformRepo } from "../db/platforms.ts";
import { type IdentityDeps, identityContext } from "../deps.ts";
import { ensureVisitorCsrf } from "../middleware/authenticate.ts";
import { clearSessionCookie, writeSessionCookie } from "../middleware/cookies.ts";
import { acceptInvitation, checkLink, resetPassword } from "../services/links.ts";
import { changePassword, updateProfile } from "../services/profile.ts";
import { login, logout } from "../services/sessions.ts";
import { InvitationPage, LoginPage, ResetPasswordPage } from "../views/auth-pages.tsx";
import { ProfilePage } from "../views/profile-page.tsx";
import { alertOwner } from "./api-session.ts";
import { fieldErrors, identityProblem } from "./respond.ts";

/** The forms of these pages, checked before anything reads them. */
const LoginForm = z.object({ email: formField.line(320), password: formField.secret() });
const InvitationForm = z.object({
  token: formField.line(200),
  password: formField.secret(),
  displayName: formField.line(120),
});
const ResetForm = z.object({ token: formField.line(200), password: formField.secret() });
const ProfileForm = z.object({ displayName: formField.line(120), locale: formField.line(10) });
const PasswordForm = z.object({ currentPassword: formField.secret(), newPassword: formField.secret() });

/** Login, logout, joining by invitation, resetting a password, and one's own profile. */
export function mountAuthPages(router: OpenAPIHono<TenantEnv>, deps: IdentityDeps): void {
  router.get("/login", authorize("session.login"), (c) => {
    const next = safeLocalPath(c.req.query("next") ?? "/");
    if (c.get("auth")) return c.redirect(next, 303);
    ensureVisitorCsrf(c, deps);
    const { t } = c.var;
    const notice = c.req.query("joined")
      ? t("identity.login.joined")
      : c.req.query("reset")
        ? t("identity.login.reset")
        : c.req.query("loggedOut")
          ? t("identity.login.loggedOut")
          : undefined;
    return renderPage(
      c,
      <LoginPage
        frame={pageFrame(c, "/login")}
        email={c.req.query("email") ?? ""}
        next={next}
        notice={notice}
        canRecover={deps.mailer !== undefined}
      />,
    );
  });

  router.post("/login", authorize("session.login"), async (c) => {
    const parsed = await parseForm(c, LoginForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const next = safeLocalPath(c.req.query("next") ?? "/");
    const email = form.email;
    const result = await login(identityContext(c, deps), { email, password: form.password });
    if (!result.ok) {
      const { t } = c.var;
      const error = result.error;
      alertOwner(c, deps, error);
      if (error.kind === "rate-limited") c.header("Retry-After", String(error.retryAfterSeconds));
      const message =
        error.kind === "rate-limited"
          ? `${t("problem.rate-limited")}. ${t("problem.rate-limited.detail", { seconds: error.retryAfterSeconds })}`
          : error.kind === "account-disabled"
            ? t("problem.account-disabled.detail")
            : t("problem.invalid-credentials.detail");
      const page = (
        <LoginPage
          frame={pageFrame(c, "/login")}
          email={email}
          next={next}
          error={message}
          canRecover={deps.mailer !== undefined}
        />
      );
      return renderPage(c, page, error.kind === "rate-limited" ? 429 : error.kind === "account-disabled" ? 403 : 401);
    }
    const { token, expiresAt, person } = result.value;
    writeSessionCookie(c, deps.secureCookies, token, expiresAt);
    // A language chosen before logging in stays (the profile and home offer to save it to the
    // account); without one, the account's language applies from now on.
    if (chosenLocale(c) === undefined) rememberLocale(c, person.locale, deps.secureCookies);
    return c.redirect(next, 303);
  });

  router.post("/logout", authorize("session.logout"), async (c) => {
    await logout(identityContext(c, deps), signedIn(c));
    clearSessionCookie(c, deps.secureCookies);
    return c.redirect("/login?loggedOut=1", 303);
  });

  router.get("/invitation", authorize("invitation.accept"), async (c) => {
    const token = c.req.query("token") ?? "";
    const checked = await checkLink(identityContext(c, deps), "invitation", token);
    if (!checked.ok) return identityProblem(c, checked.error);
    const { person } = checked.value;
    ensureVisitorCsrf(c, deps);
    return renderPage(
      c,
      <InvitationPage
        frame={pageFrame(c, "/invitation")}
        token={token}
        email={person.email}
        displayName={person.displayName}
      />,
    );
  });

  router.post("/invitation", authorize("invitation.accept"), async (c) => {
    const parsed = await parseForm(c, InvitationForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const token = form.token;
    const ctx = identityContext(c, deps);
    const result = await acceptInvitation(ctx, {
      token,
      password: form.password,
      displayName: form.displayName,
    });
    if (result.ok) {
      rememberLocale(c, result.value.locale, deps.secureCookies);
      return c.redirect(`/login?joined=1&email=${encodeURIComponent(result.value.email)}`, 303);
    }
    if (result.error.kind !== "invalid") return identityProblem(c, result.error);
    const checked = await checkLink(ctx, "invitation", token);
    if (!checked.ok) return identityProblem(c, checked.error);
    const page = (
      <InvitationPage
        frame={pageFrame(c, "/invitation")}
        token={token}
        email={checked.value.person.email}
        displayName={form.displayName}
        errors={fieldErrors(c, result.error.problems)}
      />
    );
    return renderPage(c, page, 400);
  });

  router.get("/password-reset", authorize("password.reset"), async (c) => {
    const token = c.req.query("token") ?? "";
    const checked = await checkLink(identityContext(c, deps), "password-reset", token);
    if (!checked.ok) return identityProblem(c, checked.error);
    ensureVisitorCsrf(c, deps);
    return renderPage(
      c,
      <ResetPasswordPage frame={pageFrame(c, "/password-reset")} token={token} email={checked.value.person.email} />,
    );
  });

  router.post("/password-reset", authorize("password.reset"), async (c) => {
    const parsed = await parseForm(c, ResetForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const token = form.token;
    const ctx = identityContext(c, deps);
    const result = await resetPassword(ctx, { token, password: form.password });
    if (result.ok) {
      clearSessionCookie(c, deps.secureCookies);
      return c.redirect(`/login?reset=1&email=${encodeURIComponent(result.value.email)}`, 303);
    }
    if (result.error.kind !== "invalid") return identityProblem(c, result.error);
    const checked = await checkLink(ctx, "password-reset", token);
    if (!checked.ok) return identityProblem(c, checked.error);
    const page = (
      <ResetPasswordPage
        frame={pageFrame(c, "/password-reset")}
        token={token}
        email={checked.value.person.email}
        errors={fieldErrors(c, result.error.problems)}
      />
    );
    return renderPage(c, page, 400);
  });

  const profilePage = async (
    c: Context<TenantEnv>,
    options: {
      notice?: string;
      errors?: ReturnType<typeof fieldErrors>;
      errorsFor?: "details" | "password";
      status?: 200 | 400;
    },
  ) => {
    const { person } = signedIn(c);
    const platform =
      person.platformId === null
        ? undefined
        : await createPlatformRepo(deps.db, c.get("tenant").id).findById(person.platformId);
    const view = {
      email: person.email,
      displayName: person.displayName,
      locale: person.locale,
      roles: person.roles,
      platformName: platform
        ? `${pickLocalized(platform.names, c.get("locale")) ?? ""} (${platform.countryCode})`
        : null,
      offerLocale: c.get("locale") === person.locale ? undefined : c.get("locale"),
    };
    return renderPage(
      c,
      <ProfilePage
        frame={pageFrame(c, "/me")}
        person={view}
        notice={options.notice}
        errors={options.errors}
        errorsFor={options.errorsFor}
      />,
      options.status ?? 200,
    );
  };

  router.get("/me", authorize("profile.read"), (c) => {
    const { t } = c.var;
    const notice = c.req.query("saved")
      ? t("identity.profile.saved")
      : c.req.query("passwordChanged")
        ? t("identity.profile.passwordChanged")
        : undefined;
    return profilePage(c, notice === undefined ? {} : { notice });
  });

  router.post("/me", authorize("profile.update"), async (c) => {
    const parsed = await parseForm(c, ProfileForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const locale = form.locale;
    if (!isLocale(locale)) return problem(c, "validation");
    const result = await updateProfile(identityContext(c, deps), signedIn(c), {
      displayName: form.displayName,
      locale: locale as Locale,
    });
    if (!result.ok) {
      if (result.error.kind !== "invalid") return identityProblem(c, result.error);
      return profilePage(c, { errors: fieldErrors(c, result.error.problems), errorsFor: "details", status: 400 });
    }
    rememberLocale(c, result.value.locale, deps.secureCookies);
    return c.redirect("/me?saved=1", 303);
  });

  router.post("/me/password", authorize("profile.update"), async (c) => {
    const parsed = await parseForm(c, PasswordForm);
    if (!parsed.ok) return parsed.response;
    const form = parsed.value;
    const result = await changePassword(identityContext(c, deps), signedIn(c), {
      currentPassword: form.currentPassword,
      newPassword: form.newPassword,
    });
    if (!result.ok) {
      if (result.error.kind !== "invalid") return identityProblem(c, result.error);
      return profilePage(c, { errors: fieldErrors(c, result.error.problems), errorsFor: "password", status: 400 });
    }
    return c.redirect("/me?passwordChanged=1", 303);
  });
}
