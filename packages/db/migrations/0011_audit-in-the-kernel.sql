ALTER TABLE "audit_events" DROP CONSTRAINT "audit_events_actor_id_people_id_fk";
