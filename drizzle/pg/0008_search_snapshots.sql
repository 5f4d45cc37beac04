CREATE TABLE "search_index_snapshots" (
	"snapshot_id" text NOT NULL,
	"part" integer NOT NULL,
	"header" text,
	"data" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "search_index_snapshots_snapshot_id_part_pk" PRIMARY KEY("snapshot_id","part")
);
