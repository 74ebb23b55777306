import { LOCALES, type Locale, PLATFORM_SEATS, type PlatformSeat, type Role } from "@dynamo/core";
import type { MessageKey, Translator } from "@dynamo/ui";
import {
  CsrfField,
  type FieldErrorView,
  FormErrors,
  type FrameProps,
  formatDateTime,
  Notice,
  PageFrame,
  ScrollRegion,
  TextField,
} from "@dynamo/ui";

type Frame = Omit<FrameProps, "title" | "children">;

export interface MemberView {
  id: string;
  email: string;
  displayName: string;
  locale: Locale;
  roles: readonly Role[];
  platformId: string | null;
  platformSeat: PlatformSeat | null;
  status: "pending" | "active" | "disabled";
}

export interface PlatformOption {
  id: string;
  label: string;
}

export interface IssuedLinkView {
  name: string;
  url: string;
  expiresAt: Date;
}

const roleLabel = (t: Translator, role: Role) => t(`identity.role.${role}` as MessageKey);

function RoleChoices(props: { t: Translator; roles: readonly Role[]; checked: readonly Role[]; form: string }) {
  return (
    <fieldset>
      <legend>{props.t("identity.members.roles")}</legend>
      {props.roles.map((role) => (
        <div>
          <input
            type="checkbox"
            id={`${props.form}-role-${role}`}
            name="roles"
            value={role}
            checked={props.checked.includes(role)}
            style="width:auto"
          />{" "}
          <label for={`${props.form}-role-${role}`} style="font-weight:normal">
            {roleLabel(props.t, role)}
          </label>
        </div>
      ))}
    </fieldset>
  );
}

function PlatformChoice(props: {
  t: Translator;
  platforms: readonly PlatformOption[];
  platformId: string | null;
  seat: PlatformSeat | null;
  form: string;
}) {
  const { t } = props;
  if (props.platforms.length === 0) return null;
  return (
    <>
      <div>
        <label for={`${props.form}-platform`}>{t("identity.members.platform")}</label>
        <select id={`${props.form}-platform`} name="platformId">
          <option value="">{t("identity.members.noPlatform")}</option>
          {props.platforms.map((p) => (
            <option value={p.id} selected={p.id === props.platformId}>
              {p.label}
            </option>
          ))}
        </select>
      </div>
      <div>
        <label for={`${props.form}-seat`}>{t("identity.members.seat")}</label>
        <select id={`${props.form}-seat`} name="platformSeat">
          <option value="">{t("identity.members.noSeat")}</option>
          {PLATFORM_SEATS.map((seat) => (
            <option value={seat} selected={seat === props.seat}>
              {t(`identity.seat.${seat}` as MessageKey)}
            </option>
          ))}
        </select>
      </div>
    </>
  );
}

/** A link just issued, to be given to the person: shown once. */
export function IssuedLink(props: { t: Translator; link: IssuedLinkView | undefined }) {
  if (props.link === undefined) return null;
  const { t, link } = props;
  return (
    <div class="notice success" role="status">
      <p>{t("identity.members.link", { name: link.name, date: formatDateTime(t, link.expiresAt) })}</p>
      <label for="issued-link">{t("identity.members.linkLabel")}</label>
      <input id="issued-link" type="text" readonly value={link.url} />
    </div>
  );
}

export interface InviteFormValues {
  email: string;
  displayName: string;
  locale: Locale;
  roles: Role[];
  platformId: string | null;
  platformSeat: PlatformSeat | null;
}

/** The roster of the tenant and the invitation form. */
export function MembersPage(props: {
  frame: Frame;
  members: readonly MemberView[];
  platforms: readonly PlatformOption[];
  roles: readonly Role[];
  canInvite: boolean;
  canEdit: boolean;
  invite: InviteFormValues;
  link?: IssuedLinkView | undefined;
  errors?: readonly FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
  /** What was just done (a deletion). */
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  const platformLabel = new Map(props.platforms.map((p) => [p.id, p.label]));
  return (
    <PageFrame {...props.frame} title={t("identity.members.title")}>
      <h1>{t("identity.members.title")}</h1>
      <Notice text={props.notice} />
      <IssuedLink t={t} link={props.link} />
      {props.members.length === 0 ? (
        <p>{t("identity.members.empty")}</p>
      ) : (
        <ScrollRegion label={t("identity.members.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("identity.members.name")}</th>
                <th scope="col">{t("identity.members.email")}</th>
                <th scope="col">{t("identity.members.roles")}</th>
                <th scope="col">{t("identity.members.platform")}</th>
                <th scope="col">{t("identity.members.status")}</th>
              </tr>
            </thead>
            <tbody>
              {props.members.map((m) => (
                <tr>
                  <td>
                    {props.canEdit ? (
                      <a
                        href={`/admin/members/${m.id}`}
                        aria-label={t("identity.members.edit", { name: m.displayName })}
                      >
                        {m.displayName}
                      </a>
                    ) : (
                      m.displayName
                    )}
                  </td>
                  <td>{m.email}</td>
                  <td>{m.roles.map((r) => roleLabel(t, r)).join(", ")}</td>
                  <td>
                    {m.platformId ? platformLabel.get(m.platformId) : "—"}
                    {m.platformSeat && ` (${t(`identity.seat.${m.platformSeat}` as MessageKey)})`}
                  </td>
                  <td>{t(`identity.status.${m.status}` as MessageKey)}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <a href="/api/members?format=csv" download>
          {t("identity.members.export")}
        </a>
      </p>
      {props.canInvite && (
        <>
          <h2 id="invite-heading">{t("identity.members.invite")}</h2>
          <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
          <form method="post" action="/admin/members" aria-labelledby="invite-heading">
            <CsrfField token={props.frame.csrfToken} />
            <TextField
              form="invite"
              name="email"
              type="email"
              label={t("identity.members.email")}
              value={props.invite.email}
              required
              errors={props.errors}
            />
            <TextField
              form="invite"
              name="displayName"
              label={t("identity.members.name")}
              value={props.invite.displayName}
              required
              errors={props.errors}
              maxlength={120}
            />
            <div>
              <label for="invite-locale">{t("identity.members.locale")}</label>
              <select id="invite-locale" name="locale">
                {LOCALES.map((locale) => (
                  <option value={locale} lang={locale} selected={locale === props.invite.locale}>
                    {t(`lang.${locale}` as MessageKey)}
                  </option>
                ))}
              </select>
            </div>
            <RoleChoices t={t} roles={props.roles} checked={props.invite.roles} form="invite" />
            <PlatformChoice
              t={t}
              platforms={props.platforms}
              platformId={props.invite.platformId}
              seat={props.invite.platformSeat}
              form="invite"
            />
            <div>
              <button type="submit">{t("identity.members.inviteSubmit")}</button>
            </div>
          </form>
        </>
      )}
    </PageFrame>
  );
}

/** One person: roles, platform and seat; a reset link; ending their sessions. */
export function MemberEditPage(props: {
  frame: Frame;
  member: MemberView;
  platforms: readonly PlatformOption[];
  roles: readonly Role[];
  canReset: boolean;
  canRevoke: boolean;
  canDisable: boolean;
  canDelete: boolean;
  notice?: string | undefined;
  link?: IssuedLinkView | undefined;
  errors?: readonly FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
}) {
  const { t } = props.frame;
  const { member } = props;
  const title = t("identity.members.editTitle", { name: member.displayName });
  return (
    <PageFrame {...props.frame} title={title}>
      <p>
        <a href="/admin/members">{t("identity.members.back")}</a>
      </p>
      <h1>{title}</h1>
      <p>
        {member.email} · {t(`identity.status.${member.status}` as MessageKey)}
      </p>
      <Notice text={props.notice} />
      <IssuedLink t={t} link={props.link} />
      <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
      <form method="post" action={`/admin/members/${member.id}`}>
        <CsrfField token={props.frame.csrfToken} />
        <RoleChoices t={t} roles={props.roles} checked={member.roles} form="edit" />
        <PlatformChoice
          t={t}
          platforms={props.platforms}
          platformId={member.platformId}
          seat={member.platformSeat}
          form="edit"
        />
        <div>
          <button type="submit">{t("identity.form.save")}</button>
        </div>
      </form>
      {(props.canReset || props.canRevoke || props.canDisable) && <h2>{t("identity.members.access")}</h2>}
      {props.canReset && (
        <form method="post" action={`/admin/members/${member.id}/password-reset`}>
          <CsrfField token={props.frame.csrfToken} />
          <div>
            <button type="submit">{t("identity.members.resetLink")}</button>
          </div>
        </form>
      )}
      {props.canRevoke && (
        <form method="post" action={`/admin/members/${member.id}/revoke-sessions`}>
          <CsrfField token={props.frame.csrfToken} />
          <div>
            <button type="submit">{t("identity.members.revoke")}</button>
          </div>
        </form>
      )}
      {props.canDisable && (
        <form
          method="post"
          action={`/admin/members/${member.id}/${member.status === "disabled" ? "enable" : "disable"}`}
        >
          <CsrfField token={props.frame.csrfToken} />
          <p class="muted">
            {t(member.status === "disabled" ? "identity.members.enable.hint" : "identity.members.disable.hint")}
          </p>
          <div>
            <button type="submit">
              {t(member.status === "disabled" ? "identity.members.enable" : "identity.members.disable")}
            </button>
          </div>
        </form>
      )}
      {props.canDelete && member.status === "pending" && (
        <form method="post" action={`/admin/members/${member.id}/delete`}>
          <CsrfField token={props.frame.csrfToken} />
          <p class="muted">{t("identity.members.delete.hint")}</p>
          <div>
            <button type="submit" class="danger">
              {t("identity.members.delete")}
            </button>
          </div>
        </form>
      )}
    </PageFrame>
  );
}
