CREATE TABLE "report_demand" (
	"apply_by" text NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text NOT NULL,
	"class_code" text NOT NULL,
	"inferred" boolean NOT NULL,
	"seats" integer NOT NULL,
	CONSTRAINT "report_demand_apply_by_province_code_city_code_class_code_inferred_pk" PRIMARY KEY("apply_by","province_code","city_code","class_code","inferred")
);
--> statement-breakpoint
CREATE TABLE "report_posting_counts" (
	"status" text NOT NULL,
	"kind" text NOT NULL,
	"province_code" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "report_posting_counts_status_kind_province_code_pk" PRIMARY KEY("status","kind","province_code")
);
--> statement-breakpoint
CREATE TABLE "report_posting_demand" (
	"posting_id" text NOT NULL,
	"class_code" text NOT NULL,
	"inferred" boolean NOT NULL,
	"apply_by" text NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text NOT NULL,
	"seats" integer NOT NULL,
	CONSTRAINT "report_posting_demand_posting_id_class_code_pk" PRIMARY KEY("posting_id","class_code")
);
--> statement-breakpoint
CREATE TABLE "report_status_counts" (
	"subject" text NOT NULL,
	"status" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "report_status_counts_subject_status_pk" PRIMARY KEY("subject","status")
);
--> statement-breakpoint
CREATE TABLE "report_supply" (
	"graduation_year" integer NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text NOT NULL,
	"class_code" text NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "report_supply_graduation_year_province_code_city_code_class_code_pk" PRIMARY KEY("graduation_year","province_code","city_code","class_code")
);
--> statement-breakpoint
CREATE INDEX "report_demand_province_idx" ON "report_demand" USING btree ("province_code","apply_by");