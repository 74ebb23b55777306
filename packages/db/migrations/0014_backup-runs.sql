CREATE TABLE "backup_runs" (
	"id" uuid PRIMARY KEY NOT NULL,
	"at" timestamp with time zone NOT NULL,
	"driver" text NOT NULL,
	"bytes" bigint NOT NULL,
	"sha256" text NOT NULL
);
