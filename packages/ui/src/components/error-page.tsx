import type { Translator } from "../i18n.ts";
import { Layout } from "./layout.tsx";

export interface ErrorPageProps {
  t: Translator;
  siteName: string;
  status: number;
  title: string;
  detail?: string | undefined;
  errors?: { field: string; message: string }[] | undefined;
  requestId?: string | undefined;
}

/** The browser's view of a problem: the same status and title the API gives, translated. */
export function ErrorPage(props: ErrorPageProps) {
  const { t } = props;
  return (
    <Layout t={t} title={props.title} siteName={props.siteName} currentPath="/">
      <h1>{props.title}</h1>
      {props.detail && <p>{props.detail}</p>}
      {props.errors && props.errors.length > 0 && (
        <ul class="error-list">
          {props.errors.map((e) => (
            <li>
              <strong>{e.field}</strong>: {e.message}
            </li>
          ))}
        </ul>
      )}
      {props.requestId && (
        <p class="muted">
          <small>{t("error.requestId", { requestId: props.requestId })}</small>
        </p>
      )}
      <p>
        <a href="/">{t("error.back")}</a>
      </p>
    </Layout>
  );
}
