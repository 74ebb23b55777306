import { dateTimeFormat } from "@dynamo/core";
import type { Child } from "hono/jsx";
import type { Translator } from "../i18n.ts";
import { Layout, type NavItem } from "./layout.tsx";

/** The name of the hidden field every form carries (checked by the node's CSRF middleware). */
export const CSRF_FIELD_NAME = "_csrf";

export function CsrfField(props: { token: string | undefined }) {
  return <input type="hidden" name={CSRF_FIELD_NAME} value={props.token ?? ""} />;
}

export interface Viewer {
  displayName: string;
}

/** The header's account area: who is signed in and a logout button, or a login link. */
export function AccountMenu(props: { t: Translator; viewer: Viewer | undefined; csrfToken: string | undefined }) {
  const { t } = props;
  if (props.viewer === undefined)
    return (
      <p class="account">
        <a href="/login">{t("account.login")}</a>
      </p>
    );
  return (
    <form
      method="post"
      action="/logout"
      class="account"
      aria-label={t("account.label")}
      style="display:flex;gap:0.5rem;align-items:center;max-width:none"
    >
      <span>{t("account.signedInAs", { name: props.viewer.displayName })}</span>
      <CsrfField token={props.csrfToken} />
      <button type="submit">{t("account.logout")}</button>
    </form>
  );
}

export interface FrameProps {
  t: Translator;
  title: string;
  siteName: string;
  currentPath: string;
  nav: NavItem[];
  viewer: Viewer | undefined;
  csrfToken: string | undefined;
  children?: Child;
}

/** Every page of the identity area: the layout with the navigation the person may use and their account. */
export function PageFrame(props: FrameProps) {
  return (
    <Layout
      t={props.t}
      title={props.title}
      siteName={props.siteName}
      currentPath={props.currentPath}
      nav={props.nav}
      account={<AccountMenu t={props.t} viewer={props.viewer} csrfToken={props.csrfToken} />}
    >
      {props.children}
    </Layout>
  );
}

export interface FieldErrorView {
  field: string;
  message: string;
}

/** The list of problems at the top of a form, announced to screen readers. */
export function FormErrors(props: {
  t: Translator;
  errors: readonly FieldErrorView[] | undefined;
  message?: string | undefined;
}) {
  const errors = props.errors ?? [];
  if (errors.length === 0 && props.message === undefined) return null;
  return (
    <div class="notice error" role="alert">
      {props.message && <p>{props.message}</p>}
      {errors.length > 0 && (
        <>
          <p>{props.t("form.errors")}</p>
          <ul>
            {errors.map((e) => (
              <li>{e.message}</li>
            ))}
          </ul>
        </>
      )}
    </div>
  );
}

export function Notice(props: { text: string | undefined }) {
  if (!props.text) return null;
  return (
    <p class="notice success" role="status">
      {props.text}
    </p>
  );
}

/** A labelled input with its error, linked for assistive technology. */
export function TextField(props: {
  name: string;
  label: string;
  type?: string;
  value?: string | null | undefined;
  required?: boolean;
  autocomplete?: string;
  hint?: string;
  errors?: readonly FieldErrorView[] | undefined;
  form?: string;
  maxlength?: number;
  minlength?: number;
}) {
  const id = `field-${props.form ? `${props.form}-` : ""}${props.name.replaceAll(".", "-")}`;
  const error = props.errors?.find((e) => e.field === props.name || e.field.startsWith(`${props.name}.`));
  const described = [props.hint ? `${id}-hint` : "", error ? `${id}-error` : ""].filter(Boolean).join(" ");
  return (
    <div>
      <label for={id}>{props.label}</label>
      {props.hint && (
        <p id={`${id}-hint`} class="muted" style="margin:0">
          <small>{props.hint}</small>
        </p>
      )}
      {error && (
        <p id={`${id}-error`} class="error-list" style="margin:0">
          {error.message}
        </p>
      )}
      <input
        id={id}
        name={props.name}
        type={props.type ?? "text"}
        value={props.value ?? ""}
        required={props.required}
        autocomplete={props.autocomplete}
        aria-invalid={error ? "true" : undefined}
        aria-describedby={described || undefined}
        maxlength={props.maxlength}
        minlength={props.minlength}
      />
    </div>
  );
}

export function formatDateTime(t: Translator, date: Date): string {
  return dateTimeFormat(t.locale, { dateStyle: "medium", timeStyle: "short", timeZone: "UTC" }).format(date);
}
