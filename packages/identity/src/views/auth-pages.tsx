import type { Translator } from "@dynamo/ui";
import { CsrfField, type FieldErrorView, FormErrors, type FrameProps, Notice, PageFrame, TextField } from "@dynamo/ui";

type Frame = Omit<FrameProps, "title" | "children">;

export function LoginPage(props: {
  frame: Frame;
  email: string;
  next: string;
  error?: string | undefined;
  notice?: string | undefined;
  /** The node sends email: a forgotten password is reset by the person themself. */
  canRecover: boolean;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.login.title")}>
      <h1>{t("identity.login.title")}</h1>
      <Notice text={props.notice} />
      <FormErrors t={t} errors={[]} message={props.error} />
      <form method="post" action={`/login?next=${encodeURIComponent(props.next)}`}>
        <CsrfField token={props.frame.csrfToken} />
        <TextField
          name="email"
          type="email"
          label={t("identity.login.email")}
          value={props.email}
          required
          autocomplete="username"
        />
        <TextField
          name="password"
          type="password"
          label={t("identity.login.password")}
          required
          autocomplete="current-password"
        />
        <div>
          <button type="submit">{t("identity.login.submit")}</button>
        </div>
      </form>
      {props.canRecover ? (
        <p>
          <a href="/password-forgot">{t("identity.forgot.link")}</a>
        </p>
      ) : (
        <p class="muted">{t("identity.login.forgot")}</p>
      )}
    </PageFrame>
  );
}

/** Asking for a reset link by email; once asked, the same answer whether the address has an account or not. */
export function ForgotPasswordPage(props: { frame: Frame; email: string; sent: boolean; error?: string | undefined }) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.forgot.title")}>
      <h1>{t("identity.forgot.title")}</h1>
      {props.sent ? (
        <div class="notice success" role="status">
          <p>{t("identity.forgot.sent", { email: props.email })}</p>
        </div>
      ) : (
        <>
          <p>{t("identity.forgot.intro")}</p>
          <FormErrors t={t} errors={[]} message={props.error} />
          <form method="post" action="/password-forgot">
            <CsrfField token={props.frame.csrfToken} />
            <TextField
              name="email"
              type="email"
              label={t("identity.login.email")}
              value={props.email}
              required
              autocomplete="username"
            />
            <div>
              <button type="submit">{t("identity.forgot.submit")}</button>
            </div>
          </form>
        </>
      )}
      <p>
        <a href="/login">{t("identity.forgot.back")}</a>
      </p>
    </PageFrame>
  );
}

function PasswordHint(t: Translator) {
  return t("identity.password.hint");
}

export function InvitationPage(props: {
  frame: Frame;
  token: string;
  email: string;
  displayName: string;
  errors?: readonly FieldErrorView[] | undefined;
}) {
  const { t } = props.frame;
  const title = t("identity.invitation.title", { site: props.frame.siteName });
  return (
    <PageFrame {...props.frame} title={title}>
      <h1>{title}</h1>
      <p>{t("identity.invitation.intro", { email: props.email })}</p>
      <FormErrors t={t} errors={props.errors} />
      <form method="post" action="/invitation">
        <CsrfField token={props.frame.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <TextField
          name="displayName"
          label={t("identity.invitation.displayName")}
          value={props.displayName}
          required
          autocomplete="name"
          errors={props.errors}
          maxlength={120}
        />
        <TextField
          name="password"
          type="password"
          label={t("identity.invitation.password")}
          hint={PasswordHint(t)}
          required
          autocomplete="new-password"
          errors={props.errors}
          minlength={12}
        />
        <div>
          <button type="submit">{t("identity.invitation.submit")}</button>
        </div>
      </form>
    </PageFrame>
  );
}

export function ResetPasswordPage(props: {
  frame: Frame;
  token: string;
  email: string;
  errors?: readonly FieldErrorView[] | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.reset.title")}>
      <h1>{t("identity.reset.title")}</h1>
      <p>{t("identity.reset.intro", { email: props.email })}</p>
      <p class="muted">{t("identity.password.reset.ended")}</p>
      <FormErrors t={t} errors={props.errors} />
      <form method="post" action="/password-reset">
        <CsrfField token={props.frame.csrfToken} />
        <input type="hidden" name="token" value={props.token} />
        <input type="hidden" name="username" value={props.email} autocomplete="username" />
        <TextField
          name="password"
          type="password"
          label={t("identity.reset.password")}
          hint={PasswordHint(t)}
          required
          autocomplete="new-password"
          errors={props.errors}
          minlength={12}
        />
        <div>
          <button type="submit">{t("identity.reset.submit")}</button>
        </div>
      </form>
    </PageFrame>
  );
}
