CREATE TABLE "allocation_host_rankings" (
	"round_id" text NOT NULL,
	"posting_id" text NOT NULL,
	"student_id" text NOT NULL,
	"rank" integer,
	"unacceptable" boolean DEFAULT false NOT NULL,
	CONSTRAINT "allocation_host_rankings_round_id_posting_id_student_id_pk" PRIMARY KEY("round_id","posting_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "allocation_results" (
	"round_id" text NOT NULL,
	"student_id" text NOT NULL,
	"posting_id" text,
	"choice" integer,
	"why_not" jsonb NOT NULL,
	"application_id" text,
	CONSTRAINT "allocation_results_round_id_student_id_pk" PRIMARY KEY("round_id","student_id")
);
--> statement-breakpoint
CREATE TABLE "allocation_round_postings" (
	"round_id" text NOT NULL,
	"posting_id" text NOT NULL,
	"seats" integer NOT NULL,
	"capacity" integer,
	"limited_by" text,
	CONSTRAINT "allocation_round_postings_round_id_posting_id_pk" PRIMARY KEY("round_id","posting_id")
);
--> statement-breakpoint
CREATE TABLE "allocation_rounds" (
	"id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"name" text NOT NULL,
	"graduation_year" integer NOT NULL,
	"specialty_code" text,
	"specialty_class" text,
	"max_choices" integer NOT NULL,
	"student_deadline" text NOT NULL,
	"host_deadline" text NOT NULL,
	"state" text DEFAULT 'draft' NOT NULL,
	"seed" integer,
	"previous_round_id" text,
	"summary" jsonb,
	"computed_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "allocation_student_rankings" (
	"round_id" text NOT NULL,
	"student_id" text NOT NULL,
	"posting_id" text NOT NULL,
	"rank" integer NOT NULL,
	CONSTRAINT "allocation_student_rankings_round_id_student_id_posting_id_pk" PRIMARY KEY("round_id","student_id","posting_id")
);
--> statement-breakpoint
ALTER TABLE "allocation_host_rankings" ADD CONSTRAINT "allocation_host_rankings_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_host_rankings" ADD CONSTRAINT "allocation_host_rankings_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_host_rankings" ADD CONSTRAINT "allocation_host_rankings_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_results" ADD CONSTRAINT "allocation_results_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_round_postings" ADD CONSTRAINT "allocation_round_postings_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_round_postings" ADD CONSTRAINT "allocation_round_postings_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_rounds" ADD CONSTRAINT "allocation_rounds_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_student_rankings" ADD CONSTRAINT "allocation_student_rankings_round_id_allocation_rounds_id_fk" FOREIGN KEY ("round_id") REFERENCES "public"."allocation_rounds"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_student_rankings" ADD CONSTRAINT "allocation_student_rankings_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "allocation_student_rankings" ADD CONSTRAINT "allocation_student_rankings_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE INDEX "allocation_results_posting_id_idx" ON "allocation_results" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "allocation_round_postings_posting_id_idx" ON "allocation_round_postings" USING btree ("posting_id");--> statement-breakpoint
CREATE INDEX "allocation_rounds_school_id_idx" ON "allocation_rounds" USING btree ("school_id");--> statement-breakpoint
CREATE UNIQUE INDEX "allocation_student_rankings_round_student_rank_idx" ON "allocation_student_rankings" USING btree ("round_id","student_id","rank");