CREATE TABLE "funnel_daily" (
	"posting_id" text NOT NULL,
	"day" text NOT NULL,
	"source" text NOT NULL,
	"impressions" integer DEFAULT 0 NOT NULL,
	"views" integer DEFAULT 0 NOT NULL,
	CONSTRAINT "funnel_daily_posting_id_day_source_pk" PRIMARY KEY("posting_id","day","source")
);
--> statement-breakpoint
CREATE TABLE "funnel_view_sources" (
	"posting_id" text NOT NULL,
	"student_id" text NOT NULL,
	"source" text NOT NULL,
	"viewed_at" timestamp (3) with time zone NOT NULL,
	CONSTRAINT "funnel_view_sources_posting_id_student_id_pk" PRIMARY KEY("posting_id","student_id")
);
--> statement-breakpoint
ALTER TABLE "funnel_view_sources" ADD CONSTRAINT "funnel_view_sources_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "funnel_view_sources" ADD CONSTRAINT "funnel_view_sources_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "funnel_daily_day_idx" ON "funnel_daily" USING btree ("day");