export { lifeArea } from "./area.ts";
export type { IpgEdition } from "./domain/edition.ts";
export type { EventKind, NetworkEvent } from "./domain/event.ts";
export { yearlyMinimum } from "./domain/programme.ts";
export { CONTINENTS, type Continent, IPG_HISTORY, proposeNextHost } from "./domain/rotation.ts";
export { activitiesOfYear, type RecordedActivity } from "./services/report-activities.ts";
export { LifeDocuments } from "./wire/messages.ts";
