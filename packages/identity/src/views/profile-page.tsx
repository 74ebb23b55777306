import { LOCALES, type Locale, type Role } from "@dynamo/core";
import type { MessageKey } from "@dynamo/ui";
import { CsrfField, type FieldErrorView, FormErrors, type FrameProps, Notice, PageFrame, TextField } from "@dynamo/ui";

type Frame = Omit<FrameProps, "title" | "children">;

export interface ProfileView {
  email: string;
  displayName: string;
  locale: Locale;
  roles: readonly Role[];
  platformName: string | null;
  /** The language the site is shown in, when it is not the account's (chosen before logging in): offered to save. */
  offerLocale?: Locale | undefined;
}

/** One's own profile: name and language in one form, the password in another. */
export function ProfilePage(props: {
  frame: Frame;
  person: ProfileView;
  notice?: string | undefined;
  errors?: readonly FieldErrorView[] | undefined;
  /** Which form the errors belong to. */
  errorsFor?: "details" | "password" | undefined;
}) {
  const { t } = props.frame;
  const { person } = props;
  const detailErrors = props.errorsFor === "details" ? props.errors : undefined;
  const passwordErrors = props.errorsFor === "password" ? props.errors : undefined;
  return (
    <PageFrame {...props.frame} title={t("identity.profile.title")}>
      <h1>{t("identity.profile.title")}</h1>
      <Notice text={props.notice} />
      {person.offerLocale === undefined ? null : (
        <section id="language-offer" class="notice" aria-labelledby="language-offer-heading">
          <p id="language-offer-heading">
            {t("identity.profile.offer", {
              chosen: t(`lang.${person.offerLocale}` as MessageKey),
              account: t(`lang.${person.locale}` as MessageKey),
            })}
          </p>
          <form method="post" action="/me">
            <CsrfField token={props.frame.csrfToken} />
            <input type="hidden" name="displayName" value={person.displayName} />
            <input type="hidden" name="locale" value={person.offerLocale} />
            <button type="submit">
              {t("identity.profile.offer.save", { chosen: t(`lang.${person.offerLocale}` as MessageKey) })}
            </button>
          </form>
        </section>
      )}
      <dl>
        <dt>{t("identity.profile.email")}</dt>
        <dd>{person.email}</dd>
        <dt>{t("identity.profile.roles")}</dt>
        <dd>{person.roles.map((r) => t(`identity.role.${r}` as MessageKey)).join(", ")}</dd>
        {person.platformName && (
          <>
            <dt>{t("identity.profile.platform")}</dt>
            <dd>{person.platformName}</dd>
          </>
        )}
      </dl>

      <h2 id="details-heading">{t("identity.profile.details")}</h2>
      <FormErrors t={t} errors={detailErrors} />
      <form method="post" action="/me" aria-labelledby="details-heading">
        <CsrfField token={props.frame.csrfToken} />
        <TextField
          name="displayName"
          label={t("identity.profile.displayName")}
          value={person.displayName}
          required
          autocomplete="name"
          errors={detailErrors}
          maxlength={120}
        />
        <div>
          <label for="field-locale">{t("identity.profile.locale")}</label>
          <select id="field-locale" name="locale">
            {LOCALES.map((locale) => (
              <option value={locale} lang={locale} selected={locale === person.locale}>
                {t(`lang.${locale}` as MessageKey)}
              </option>
            ))}
          </select>
        </div>
        <div>
          <button type="submit">{t("identity.form.save")}</button>
        </div>
      </form>

      <h2 id="password-heading">{t("identity.profile.password")}</h2>
      <FormErrors t={t} errors={passwordErrors} />
      <form method="post" action="/me/password" aria-labelledby="password-heading">
        <CsrfField token={props.frame.csrfToken} />
        <input type="hidden" name="username" value={person.email} autocomplete="username" />
        <TextField
          name="currentPassword"
          type="password"
          label={t("identity.profile.currentPassword")}
          required
          autocomplete="current-password"
          errors={passwordErrors}
        />
        <TextField
          name="newPassword"
          type="password"
          label={t("identity.profile.newPassword")}
          hint={t("identity.password.hint")}
          required
          autocomplete="new-password"
          errors={passwordErrors}
          minlength={12}
        />
        <div>
          <button type="submit">{t("identity.profile.changePassword")}</button>
        </div>
      </form>
    </PageFrame>
  );
}
