import type { Person, Tenant } from "@dynamo/core";
import type { ReportActor } from "../domain/actions.ts";
import type { ReportSection } from "../domain/report.ts";

/**
 * The workflow's actor for a signed-in person. A person may hold several roles: on a platform's
 * own section a representative of that platform acts as its representative; otherwise the
 * coordinator role is used when held. The domain then refuses what the role may not do.
 */
export function reportActorFor(
  tenant: Tenant,
  person: Pick<Person, "id" | "roles" | "platformId">,
  section?: Pick<ReportSection, "platformId">,
): ReportActor | undefined {
  if (tenant.kind === "hub") {
    return person.roles.includes("technical_team") ? { id: person.id, role: "technical_team" } : undefined;
  }
  const representative =
    person.roles.includes("platform_representative") && person.platformId !== null
      ? ({ id: person.id, role: "platform_representative", platformId: person.platformId } as const)
      : undefined;
  if (representative && section !== undefined && section.platformId === person.platformId) return representative;
  if (person.roles.includes("regional_coordinator") && tenant.regionCode !== null) {
    return { id: person.id, role: "regional_coordinator", region: tenant.regionCode };
  }
  return representative;
}
