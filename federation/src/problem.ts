import { STATUS_CODES } from "node:http";

/**
 * A federation route's refusal as an RFC 9457 problem (application/problem+json), like every
 * other error of the node. Peers are machines: `reason` is the stable word their logs keep (the
 * same as the refusal recorded on /admin/delivery), the title is HTTP's own phrase.
 */
export function federationProblem(
  status: number,
  reason: string,
  options: { detail?: string; headers?: Record<string, string> } = {},
): Response {
  const body = {
    type: `urn:dynamo:problem:federation-${reason}`,
    title: STATUS_CODES[status] ?? "Error",
    status,
    reason,
    ...(options.detail === undefined || options.detail === "" ? {} : { detail: options.detail.slice(0, 500) }),
  };
  return new Response(JSON.stringify(body), {
    status,
    headers: { ...options.headers, "content-type": "application/problem+json" },
  });
}

/** Fedify's own error answers (plain text, or empty) as problems; any other answer as it is. */
export async function asProblem(response: Response): Promise<Response> {
  if (response.status < 400 || /^application\/problem\+json/.test(response.headers.get("content-type") ?? "")) {
    return response;
  }
  const text = await response.text();
  const headers: Record<string, string> = {};
  for (const name of ["www-authenticate", "retry-after", "allow", "accept"]) {
    const value = response.headers.get(name);
    if (value !== null) headers[name] = value;
  }
  const reason = response.status === 401 ? "signature" : response.status === 406 ? "not-acceptable" : "refused";
  return federationProblem(response.status, reason, { detail: text.trim(), headers });
}
