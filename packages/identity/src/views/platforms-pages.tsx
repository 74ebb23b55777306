import { LOCALES, type LocalizedText, PLATFORM_STATUSES, type PlatformStatus } from "@dynamo/core";
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

export interface PlatformView {
  id: string;
  countryCode: string;
  name: string;
  names: LocalizedText;
  status: PlatformStatus;
  joinedOn: string;
  contact: { email: string | null; phone: string | null; address: string | null; website: string | null };
}

export interface StatusChangeView {
  from: PlatformStatus | null;
  to: PlatformStatus;
  reason: string;
  changedByName: string | null;
  changedAt: Date;
}

const statusLabel = (t: Translator, status: PlatformStatus) => t(`identity.platform.${status}` as MessageKey);

export interface PlatformFormValues {
  countryCode: string;
  names: LocalizedText;
  status: PlatformStatus;
  joinedOn: string;
  contact: { email: string | null; phone: string | null; address: string | null; website: string | null };
  reason: string;
}

function StatusSelect(props: { t: Translator; id: string; name: string; label: string; value: PlatformStatus }) {
  return (
    <div>
      <label for={props.id}>{props.label}</label>
      <select id={props.id} name={props.name}>
        {PLATFORM_STATUSES.map((status) => (
          <option value={status} selected={status === props.value}>
            {statusLabel(props.t, status)}
          </option>
        ))}
      </select>
    </div>
  );
}

/** The names in the four languages and the contact details, shared by the create and edit forms. */
function DetailFields(props: {
  t: Translator;
  values: Omit<PlatformFormValues, "status" | "reason" | "countryCode">;
  errors: readonly FieldErrorView[] | undefined;
  form: string;
}) {
  const { t, values } = props;
  return (
    <>
      {LOCALES.map((locale) => (
        <TextField
          form={props.form}
          name={`names.${locale}`}
          label={t("identity.platforms.nameIn", { language: t(`lang.${locale}` as MessageKey) })}
          value={values.names[locale]}
          errors={props.errors?.filter((e) => e.field === "names").map((e) => ({ ...e, field: "names.fr" }))}
          maxlength={200}
        />
      ))}
      <TextField
        form={props.form}
        name="joinedOn"
        type="date"
        label={t("identity.platforms.joinedOn")}
        value={values.joinedOn}
        required
        errors={props.errors}
      />
      <TextField
        form={props.form}
        name="contact.email"
        type="email"
        label={t("identity.platforms.contactEmail")}
        value={values.contact.email}
        errors={props.errors}
      />
      <TextField
        form={props.form}
        name="contact.phone"
        type="tel"
        label={t("identity.platforms.contactPhone")}
        value={values.contact.phone}
        errors={props.errors}
      />
      <TextField
        form={props.form}
        name="contact.address"
        label={t("identity.platforms.contactAddress")}
        value={values.contact.address}
        errors={props.errors}
      />
      <TextField
        form={props.form}
        name="contact.website"
        type="url"
        label={t("identity.platforms.contactWebsite")}
        value={values.contact.website}
        errors={props.errors}
      />
    </>
  );
}

/** The region's national platforms, and the form to register one. */
export function PlatformsPage(props: {
  frame: Frame;
  platforms: readonly PlatformView[];
  canEdit: boolean;
  form: PlatformFormValues;
  errors?: readonly FieldErrorView[] | undefined;
  errorMessage?: string | undefined;
  notice?: string | undefined;
}) {
  const { t } = props.frame;
  return (
    <PageFrame {...props.frame} title={t("identity.platforms.title")}>
      <h1>{t("identity.platforms.title")}</h1>
      <Notice text={props.notice} />
      {props.platforms.length === 0 ? (
        <p>{t("identity.platforms.empty")}</p>
      ) : (
        <ScrollRegion label={t("identity.platforms.title")}>
          <table>
            <thead>
              <tr>
                <th scope="col">{t("identity.platforms.country")}</th>
                <th scope="col">{t("identity.platforms.name")}</th>
                <th scope="col">{t("identity.platforms.status")}</th>
                <th scope="col">{t("identity.platforms.votes")}</th>
                <th scope="col">{t("identity.platforms.joinedOn")}</th>
                <th scope="col">{t("identity.platforms.contact")}</th>
              </tr>
            </thead>
            <tbody>
              {props.platforms.map((p) => (
                <tr>
                  <td>{p.countryCode}</td>
                  <td>
                    {props.canEdit ? (
                      <a href={`/admin/platforms/${p.id}`} aria-label={t("identity.platforms.edit", { name: p.name })}>
                        {p.name}
                      </a>
                    ) : (
                      p.name
                    )}
                  </td>
                  <td>{statusLabel(t, p.status)}</td>
                  <td>{p.status === "active" ? t("identity.platforms.yes") : t("identity.platforms.no")}</td>
                  <td>{p.joinedOn}</td>
                  <td>{[p.contact.email, p.contact.phone].filter(Boolean).join(" · ")}</td>
                </tr>
              ))}
            </tbody>
          </table>
        </ScrollRegion>
      )}
      <p>
        <a href="/api/platforms?format=csv" download>
          {t("identity.platforms.export")}
        </a>
      </p>
      {props.canEdit && (
        <>
          <h2 id="create-heading">{t("identity.platforms.create")}</h2>
          <FormErrors t={t} errors={props.errors} message={props.errorMessage} />
          <form method="post" action="/admin/platforms" aria-labelledby="create-heading">
            <CsrfField token={props.frame.csrfToken} />
            <TextField
              form="create"
              name="countryCode"
              label={t("identity.platforms.country")}
              value={props.form.countryCode}
              required
              errors={props.errors}
              maxlength={2}
              minlength={2}
            />
            <DetailFields t={t} values={props.form} errors={props.errors} form="create" />
            <StatusSelect
              t={t}
              id="create-status"
              name="status"
              label={t("identity.platforms.status")}
              value={props.form.status}
            />
            <TextField
              form="create"
              name="reason"
              label={t("identity.platforms.reason")}
              value={props.form.reason}
              errors={props.errors}
            />
            <div>
              <button type="submit">{t("identity.platforms.createSubmit")}</button>
            </div>
          </form>
        </>
      )}
    </PageFrame>
  );
}

/** One platform: its details, a status change with its reason, and the history of its status. */
export function PlatformEditPage(props: {
  frame: Frame;
  platform: PlatformView;
  history: readonly StatusChangeView[];
  form: PlatformFormValues;
  notice?: string | undefined;
  errors?: readonly FieldErrorView[] | undefined;
  errorsFor?: "details" | "status" | undefined;
}) {
  const { t } = props.frame;
  const { platform } = props;
  const title = t("identity.platforms.editTitle", { name: platform.name, country: platform.countryCode });
  const detailErrors = props.errorsFor === "details" ? props.errors : undefined;
  const statusErrors = props.errorsFor === "status" ? props.errors : undefined;
  return (
    <PageFrame {...props.frame} title={title}>
      <p>
        <a href="/admin/platforms">{t("identity.platforms.back")}</a>
      </p>
      <h1>{title}</h1>
      <Notice text={props.notice} />
      <h2 id="details-heading">{t("identity.platforms.details")}</h2>
      <FormErrors t={t} errors={detailErrors} />
      <form method="post" action={`/admin/platforms/${platform.id}`} aria-labelledby="details-heading">
        <CsrfField token={props.frame.csrfToken} />
        <DetailFields t={t} values={props.form} errors={detailErrors} form="edit" />
        <div>
          <button type="submit">{t("identity.form.save")}</button>
        </div>
      </form>
      <h2 id="status-heading">{t("identity.platforms.changeStatus")}</h2>
      <p>
        {t("identity.platforms.status")}: <strong>{statusLabel(t, platform.status)}</strong>
      </p>
      <FormErrors t={t} errors={statusErrors} />
      <form method="post" action={`/admin/platforms/${platform.id}/status`} aria-labelledby="status-heading">
        <CsrfField token={props.frame.csrfToken} />
        <StatusSelect
          t={t}
          id="status-new"
          name="status"
          label={t("identity.platforms.newStatus")}
          value={platform.status}
        />
        <TextField
          form="status"
          name="reason"
          label={t("identity.platforms.reason")}
          required
          errors={statusErrors}
          maxlength={1000}
        />
        <div>
          <button type="submit">{t("identity.platforms.statusSubmit")}</button>
        </div>
      </form>
      <h2>{t("identity.platforms.history")}</h2>
      <ScrollRegion label={t("identity.platforms.history")}>
        <table>
          <thead>
            <tr>
              <th scope="col">{t("identity.platforms.when")}</th>
              <th scope="col">{t("identity.platforms.from")}</th>
              <th scope="col">{t("identity.platforms.to")}</th>
              <th scope="col">{t("identity.platforms.reason")}</th>
              <th scope="col">{t("identity.platforms.by")}</th>
            </tr>
          </thead>
          <tbody>
            {props.history.map((h) => (
              <tr>
                <td>
                  <time datetime={h.changedAt.toISOString()}>{formatDateTime(t, h.changedAt)}</time>
                </td>
                <td>{h.from ? statusLabel(t, h.from) : "—"}</td>
                <td>{statusLabel(t, h.to)}</td>
                <td>{h.reason || "—"}</td>
                <td>{h.changedByName ?? "—"}</td>
              </tr>
            ))}
          </tbody>
        </table>
      </ScrollRegion>
    </PageFrame>
  );
}
