import { LOCALES, type Locale, REGION_CODES, type RegionCode, type Tenant, type TenantKind } from "@dynamo/core";
import { type FieldErrorView, FormErrors, PageFrame, TextField, type Translator } from "@dynamo/ui";

/** The frame of a page shown before the node has a tenant: no site, no navigation, no account. */
function frame(t: Translator, title: string) {
  return {
    t,
    title,
    siteName: t("identity.setup.siteName"),
    currentPath: "/setup",
    nav: [],
    viewer: undefined,
    csrfToken: undefined,
  };
}

export interface SetupFormValues {
  regionCode: string;
  host: string;
  locale: string;
  tenantSlug: string;
  email: string;
  displayName: string;
}

/**
 * The first-run form: the tenant (its region on a regional node, the host it answers on, its
 * language) unless the node already has one, and its first administrator. The link's token
 * goes back with the form: it is the proof this form needs, as a CSRF token would be.
 */
export function SetupPage(props: {
  t: Translator;
  kind: TenantKind;
  token: string;
  tenants: readonly Tenant[];
  values: SetupFormValues;
  errors?: readonly FieldErrorView[] | undefined;
}) {
  const { t, values } = props;
  const title = t("identity.setup.title");
  const error = (field: string) => props.errors?.find((e) => e.field === field)?.message;
  return (
    <PageFrame {...frame(t, title)}>
      <h1>{title}</h1>
      <p>{t(props.tenants.length === 0 ? "identity.setup.intro" : "identity.setup.introExisting")}</p>
      <FormErrors t={t} errors={props.errors} />
      <form method="post" action="/setup">
        <input type="hidden" name="token" value={props.token} />
        {props.tenants.length > 0 ? (
          <div>
            <label for="field-tenantSlug">{t("identity.setup.tenant")}</label>
            <select id="field-tenantSlug" name="tenantSlug">
              {props.tenants.map((tenant) => (
                <option value={tenant.slug} selected={tenant.slug === values.tenantSlug}>
                  {`${tenant.slug} (${tenant.hosts.join(", ")})`}
                </option>
              ))}
            </select>
          </div>
        ) : (
          <fieldset>
            <legend>{t(props.kind === "hub" ? "identity.setup.hubLegend" : "identity.setup.regionLegend")}</legend>
            {props.kind === "region" && (
              <div>
                <label for="field-regionCode">{t("identity.setup.region")}</label>
                {error("regionCode") && <p class="error-list">{error("regionCode")}</p>}
                <select id="field-regionCode" name="regionCode" required>
                  {REGION_CODES.map((code: RegionCode) => (
                    <option value={code} selected={code === values.regionCode}>
                      {t(`identity.setup.region.${code}`)}
                    </option>
                  ))}
                </select>
              </div>
            )}
            <TextField
              name="host"
              label={t("identity.setup.host")}
              hint={t("identity.setup.hostHint")}
              value={values.host}
              required
              errors={props.errors}
              maxlength={253}
            />
            <div>
              <label for="field-locale">{t("identity.setup.locale")}</label>
              <select id="field-locale" name="locale">
                {LOCALES.map((locale: Locale) => (
                  <option value={locale} selected={locale === values.locale}>
                    {t(`identity.setup.locale.${locale}`)}
                  </option>
                ))}
              </select>
            </div>
          </fieldset>
        )}
        <fieldset>
          <legend>{t("identity.setup.adminLegend")}</legend>
          <TextField
            name="email"
            type="email"
            label={t("identity.login.email")}
            value={values.email}
            required
            autocomplete="username"
            errors={props.errors}
          />
          <TextField
            name="displayName"
            label={t("identity.invitation.displayName")}
            value={values.displayName}
            autocomplete="name"
            errors={props.errors}
            maxlength={120}
          />
          <TextField
            name="password"
            type="password"
            label={t("identity.invitation.password")}
            hint={t("identity.password.hint")}
            required
            autocomplete="new-password"
            errors={props.errors}
            minlength={12}
          />
        </fieldset>
        <div>
          <button type="submit">{t("identity.setup.submit")}</button>
        </div>
      </form>
    </PageFrame>
  );
}

export function SetupDonePage(props: { t: Translator; site: string; email: string; loginUrl: string }) {
  const { t } = props;
  const title = t("identity.setup.doneTitle");
  return (
    <PageFrame {...frame(t, title)}>
      <h1>{title}</h1>
      <p>{t("identity.setup.done", { site: props.site, email: props.email })}</p>
      <p>
        <a href={props.loginUrl}>{t("identity.setup.login")}</a>
      </p>
    </PageFrame>
  );
}
