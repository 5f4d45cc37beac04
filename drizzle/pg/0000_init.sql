CREATE TABLE "applications" (
	"id" text PRIMARY KEY NOT NULL,
	"posting_id" text NOT NULL,
	"student_id" text NOT NULL,
	"school_id" text NOT NULL,
	"host_id" text NOT NULL,
	"cover_note" text DEFAULT '' NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"rejection_reason" text,
	"interview_at" timestamp (3) with time zone,
	"interview_location" text,
	"offer_start_date" text,
	"offer_note" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "audit_log" (
	"id" text PRIMARY KEY NOT NULL,
	"actor_id" text,
	"action" text NOT NULL,
	"target_type" text NOT NULL,
	"target_id" text NOT NULL,
	"summary" text NOT NULL,
	"details" jsonb NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaint_replies" (
	"id" text PRIMARY KEY NOT NULL,
	"rowid" bigint GENERATED ALWAYS AS IDENTITY (sequence name "complaint_replies_rowid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"complaint_id" text NOT NULL,
	"author_id" text,
	"side" text NOT NULL,
	"body" text NOT NULL,
	"status" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "complaints" (
	"id" text PRIMARY KEY NOT NULL,
	"placement_id" text NOT NULL,
	"student_id" text NOT NULL,
	"school_id" text NOT NULL,
	"host_id" text NOT NULL,
	"category" text NOT NULL,
	"reporter" text DEFAULT 'student' NOT NULL,
	"description" text NOT NULL,
	"status" text DEFAULT 'submitted' NOT NULL,
	"reply_due_on" text NOT NULL,
	"first_replied_at" timestamp (3) with time zone,
	"resolved_at" timestamp (3) with time zone,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperation_projects" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"school_id" text NOT NULL,
	"enterprise_id" text NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"documents" text DEFAULT '' NOT NULL,
	"student_count" integer DEFAULT 0 NOT NULL,
	"mentor_count" integer DEFAULT 0 NOT NULL,
	"status" text DEFAULT 'active' NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "cooperation_proposals" (
	"id" text PRIMARY KEY NOT NULL,
	"from_organisation_id" text NOT NULL,
	"to_organisation_id" text NOT NULL,
	"posting_id" text,
	"kind" text NOT NULL,
	"title" text NOT NULL,
	"status" text DEFAULT 'open' NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "evaluations" (
	"placement_id" text NOT NULL,
	"party" text NOT NULL,
	"author_id" text,
	"score" integer NOT NULL,
	"comment" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "evaluations_placement_id_party_pk" PRIMARY KEY("placement_id","party")
);
--> statement-breakpoint
CREATE TABLE "host_posts" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"name" text NOT NULL,
	"staff_count" integer NOT NULL,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "industries" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"level" text NOT NULL,
	"section_code" text NOT NULL,
	"description" text
);
--> statement-breakpoint
CREATE TABLE "invitations" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"code" text NOT NULL,
	"label" text DEFAULT '' NOT NULL,
	"max_uses" integer NOT NULL,
	"used_count" integer DEFAULT 0 NOT NULL,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"revoked_at" timestamp (3) with time zone,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "log_comments" (
	"id" text PRIMARY KEY NOT NULL,
	"log_id" text NOT NULL,
	"author_id" text,
	"party" text NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "memberships" (
	"user_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"role" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "memberships_user_id_organisation_id_pk" PRIMARY KEY("user_id","organisation_id")
);
--> statement-breakpoint
CREATE TABLE "notifications" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"type" text NOT NULL,
	"params" jsonb NOT NULL,
	"link" text NOT NULL,
	"read_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisation_changes" (
	"id" text PRIMARY KEY NOT NULL,
	"organisation_id" text NOT NULL,
	"values" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by" text,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "organisations" (
	"id" text PRIMARY KEY NOT NULL,
	"kind" text NOT NULL,
	"name" text NOT NULL,
	"school_code" text,
	"school_level" text,
	"uscc" text,
	"industry_code" text,
	"staff_count" integer,
	"integration_certified" boolean DEFAULT false NOT NULL,
	"region_code" text NOT NULL,
	"address" text NOT NULL,
	"description" text DEFAULT '' NOT NULL,
	"contact_name" text DEFAULT '' NOT NULL,
	"contact_phone" text DEFAULT '' NOT NULL,
	"website" text DEFAULT '' NOT NULL,
	"verification_status" text DEFAULT 'pending' NOT NULL,
	"verification_evidence" text DEFAULT '' NOT NULL,
	"rejection_reason" text,
	"reviewed_at" timestamp (3) with time zone,
	"reviewed_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "organisations_schoolCode_unique" UNIQUE("school_code"),
	CONSTRAINT "organisations_uscc_unique" UNIQUE("uscc")
);
--> statement-breakpoint
CREATE TABLE "password_reset_codes" (
	"id" text PRIMARY KEY NOT NULL,
	"user_id" text NOT NULL,
	"code_hash" text NOT NULL,
	"issued_by" text,
	"expires_at" timestamp (3) with time zone NOT NULL,
	"used_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "pay_records" (
	"id" text PRIMARY KEY NOT NULL,
	"placement_id" text NOT NULL,
	"month" text NOT NULL,
	"amount" integer NOT NULL,
	"paid_on" text NOT NULL,
	"recorded_by" text,
	"student_response" text,
	"student_note" text,
	"responded_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placement_amendments" (
	"id" text PRIMARY KEY NOT NULL,
	"placement_id" text NOT NULL,
	"previous_end_date" text NOT NULL,
	"new_end_date" text NOT NULL,
	"reason" text NOT NULL,
	"proposed_by" text,
	"status" text DEFAULT 'pending' NOT NULL,
	"student_confirmed_at" timestamp (3) with time zone,
	"school_confirmed_at" timestamp (3) with time zone,
	"school_confirmed_by" text,
	"host_confirmed_at" timestamp (3) with time zone,
	"host_confirmed_by" text,
	"applied_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "placements" (
	"id" text PRIMARY KEY NOT NULL,
	"application_id" text NOT NULL,
	"posting_id" text NOT NULL,
	"student_id" text NOT NULL,
	"school_id" text NOT NULL,
	"host_id" text NOT NULL,
	"status" text DEFAULT 'pending_approval' NOT NULL,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"school_approved_at" timestamp (3) with time zone,
	"school_approved_by" text,
	"school_tutor_id" text,
	"host_tutor_id" text,
	"insurer" text,
	"insurance_policy_number" text,
	"insurance_paid_by" text,
	"insurance_recorded_by" text,
	"student_consent_at" timestamp (3) with time zone,
	"guardian_name" text,
	"guardian_relation" text,
	"guardian_consent_at" timestamp (3) with time zone,
	"student_confirmed_digest" text,
	"student_confirmed_at" timestamp (3) with time zone,
	"school_confirmed_digest" text,
	"school_confirmed_at" timestamp (3) with time zone,
	"school_confirmed_by" text,
	"host_confirmed_digest" text,
	"host_confirmed_at" timestamp (3) with time zone,
	"host_confirmed_by" text,
	"agreement_snapshot" jsonb,
	"started_at" timestamp (3) with time zone,
	"completed_at" timestamp (3) with time zone,
	"terminated_at" timestamp (3) with time zone,
	"termination_reason" text,
	"long_placement_reason" text,
	"hired_after" boolean DEFAULT false NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "placements_applicationId_unique" UNIQUE("application_id")
);
--> statement-breakpoint
CREATE TABLE "posting_reports" (
	"id" text PRIMARY KEY NOT NULL,
	"posting_id" text NOT NULL,
	"reporter_id" text,
	"reporter_key" text NOT NULL,
	"reason" text NOT NULL,
	"note" text DEFAULT '' NOT NULL,
	"closed_at" timestamp (3) with time zone,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posting_revisions" (
	"id" text PRIMARY KEY NOT NULL,
	"posting_id" text NOT NULL,
	"version" integer NOT NULL,
	"values" jsonb NOT NULL,
	"status" text DEFAULT 'pending' NOT NULL,
	"submitted_by" text,
	"reviewed_by" text,
	"reviewed_at" timestamp (3) with time zone,
	"reason" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "posting_specialties" (
	"posting_id" text NOT NULL,
	"specialty_code" text NOT NULL,
	"class_domain" text NOT NULL,
	"group_domain" text NOT NULL,
	CONSTRAINT "posting_specialties_posting_id_specialty_code_pk" PRIMARY KEY("posting_id","specialty_code")
);
--> statement-breakpoint
CREATE TABLE "postings" (
	"id" text PRIMARY KEY NOT NULL,
	"rowid" bigint GENERATED ALWAYS AS IDENTITY (sequence name "postings_rowid_seq" INCREMENT BY 1 MINVALUE 1 MAXVALUE 9223372036854775807 START WITH 1 CACHE 1),
	"organisation_id" text NOT NULL,
	"kind" text NOT NULL,
	"status" text DEFAULT 'draft' NOT NULL,
	"title" text NOT NULL,
	"description" text NOT NULL,
	"region_code" text NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text NOT NULL,
	"address" text NOT NULL,
	"industry_code" text NOT NULL,
	"industry_division" text NOT NULL,
	"quantity" integer NOT NULL,
	"monthly_pay" integer,
	"start_date" text NOT NULL,
	"end_date" text NOT NULL,
	"apply_by" text NOT NULL,
	"contact_name" text NOT NULL,
	"contact_phone" text NOT NULL,
	"details" jsonb NOT NULL,
	"host_verified" boolean DEFAULT true NOT NULL,
	"post_id" text,
	"suspended_at" timestamp (3) with time zone,
	"rejection_reason" text,
	"submitted_at" timestamp (3) with time zone,
	"published_at" timestamp (3) with time zone,
	"reviewed_by" text,
	"created_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "proposal_messages" (
	"id" text PRIMARY KEY NOT NULL,
	"proposal_id" text NOT NULL,
	"organisation_id" text NOT NULL,
	"author_id" text,
	"body" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "reference_meta" (
	"key" text PRIMARY KEY NOT NULL,
	"value" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "regions" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"level" text NOT NULL,
	"province_code" text NOT NULL,
	"city_code" text,
	"kind" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "school_specialties" (
	"organisation_id" text NOT NULL,
	"specialty_code" text NOT NULL,
	CONSTRAINT "school_specialties_organisation_id_specialty_code_pk" PRIMARY KEY("organisation_id","specialty_code")
);
--> statement-breakpoint
CREATE TABLE "specialties" (
	"code" text PRIMARY KEY NOT NULL,
	"name" text NOT NULL,
	"parent_code" text,
	"level" text NOT NULL,
	"education_level" text NOT NULL,
	"domain_code" text NOT NULL,
	"national_control" boolean DEFAULT false NOT NULL,
	"catalog_version" text NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specialty_industry_map" (
	"domain_code" text PRIMARY KEY NOT NULL,
	"class_name" text NOT NULL,
	"primary_divisions" jsonb NOT NULL,
	"related_divisions" jsonb NOT NULL,
	"version" integer DEFAULT 1 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "specialty_industry_map_history" (
	"id" text PRIMARY KEY NOT NULL,
	"domain_code" text NOT NULL,
	"before" jsonb NOT NULL,
	"after" jsonb NOT NULL,
	"changed_by" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_access_log" (
	"id" text PRIMARY KEY NOT NULL,
	"student_id" text NOT NULL,
	"viewer_id" text,
	"viewer_role" text NOT NULL,
	"viewer_organisation_id" text,
	"what" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_profiles" (
	"user_id" text PRIMARY KEY NOT NULL,
	"school_id" text NOT NULL,
	"specialty_code" text NOT NULL,
	"enrolment_year" integer NOT NULL,
	"birth_date" text NOT NULL,
	"preferred_regions" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"bio" text DEFAULT '' NOT NULL,
	"school_region_code" text,
	"visible_to_enterprises" boolean DEFAULT false NOT NULL,
	"skills" text DEFAULT '' NOT NULL,
	"certificates" jsonb DEFAULT '[]'::jsonb NOT NULL,
	"cv_file_name" text,
	"cv_file_size" integer,
	"cv_uploaded_at" timestamp (3) with time zone,
	"invitation_id" text,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
CREATE TABLE "student_supply" (
	"region_code" text NOT NULL,
	"class_code" text NOT NULL,
	"graduation_year" integer NOT NULL,
	"n" integer NOT NULL,
	CONSTRAINT "student_supply_region_code_class_code_graduation_year_pk" PRIMARY KEY("region_code","class_code","graduation_year")
);
--> statement-breakpoint
CREATE TABLE "users" (
	"id" text PRIMARY KEY NOT NULL,
	"email" text,
	"mobile" text,
	"name" text NOT NULL,
	"password_hash" text NOT NULL,
	"role" text NOT NULL,
	"session_version" integer DEFAULT 0 NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	CONSTRAINT "users_email_unique" UNIQUE("email"),
	CONSTRAINT "users_mobile_unique" UNIQUE("mobile")
);
--> statement-breakpoint
CREATE TABLE "weekly_logs" (
	"id" text PRIMARY KEY NOT NULL,
	"placement_id" text NOT NULL,
	"week_start" text NOT NULL,
	"content" text NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL,
	"updated_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "applications" ADD CONSTRAINT "applications_host_id_organisations_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "audit_log" ADD CONSTRAINT "audit_log_actor_id_users_id_fk" FOREIGN KEY ("actor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_replies" ADD CONSTRAINT "complaint_replies_complaint_id_complaints_id_fk" FOREIGN KEY ("complaint_id") REFERENCES "public"."complaints"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaint_replies" ADD CONSTRAINT "complaint_replies_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "complaints" ADD CONSTRAINT "complaints_host_id_organisations_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_projects" ADD CONSTRAINT "cooperation_projects_proposal_id_cooperation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."cooperation_proposals"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_projects" ADD CONSTRAINT "cooperation_projects_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_projects" ADD CONSTRAINT "cooperation_projects_enterprise_id_organisations_id_fk" FOREIGN KEY ("enterprise_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_proposals" ADD CONSTRAINT "cooperation_proposals_from_organisation_id_organisations_id_fk" FOREIGN KEY ("from_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_proposals" ADD CONSTRAINT "cooperation_proposals_to_organisation_id_organisations_id_fk" FOREIGN KEY ("to_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_proposals" ADD CONSTRAINT "cooperation_proposals_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "cooperation_proposals" ADD CONSTRAINT "cooperation_proposals_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "evaluations" ADD CONSTRAINT "evaluations_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_posts" ADD CONSTRAINT "host_posts_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "host_posts" ADD CONSTRAINT "host_posts_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "invitations" ADD CONSTRAINT "invitations_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_comments" ADD CONSTRAINT "log_comments_log_id_weekly_logs_id_fk" FOREIGN KEY ("log_id") REFERENCES "public"."weekly_logs"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "log_comments" ADD CONSTRAINT "log_comments_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "memberships" ADD CONSTRAINT "memberships_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "notifications" ADD CONSTRAINT "notifications_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_changes" ADD CONSTRAINT "organisation_changes_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_changes" ADD CONSTRAINT "organisation_changes_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisation_changes" ADD CONSTRAINT "organisation_changes_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_industry_code_industries_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "organisations" ADD CONSTRAINT "organisations_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_codes" ADD CONSTRAINT "password_reset_codes_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "password_reset_codes" ADD CONSTRAINT "password_reset_codes_issued_by_users_id_fk" FOREIGN KEY ("issued_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_records" ADD CONSTRAINT "pay_records_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "pay_records" ADD CONSTRAINT "pay_records_recorded_by_users_id_fk" FOREIGN KEY ("recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_amendments" ADD CONSTRAINT "placement_amendments_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_amendments" ADD CONSTRAINT "placement_amendments_proposed_by_users_id_fk" FOREIGN KEY ("proposed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_amendments" ADD CONSTRAINT "placement_amendments_school_confirmed_by_users_id_fk" FOREIGN KEY ("school_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placement_amendments" ADD CONSTRAINT "placement_amendments_host_confirmed_by_users_id_fk" FOREIGN KEY ("host_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_application_id_applications_id_fk" FOREIGN KEY ("application_id") REFERENCES "public"."applications"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_host_id_organisations_id_fk" FOREIGN KEY ("host_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_school_approved_by_users_id_fk" FOREIGN KEY ("school_approved_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_school_tutor_id_users_id_fk" FOREIGN KEY ("school_tutor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_host_tutor_id_users_id_fk" FOREIGN KEY ("host_tutor_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_insurance_recorded_by_users_id_fk" FOREIGN KEY ("insurance_recorded_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_school_confirmed_by_users_id_fk" FOREIGN KEY ("school_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "placements" ADD CONSTRAINT "placements_host_confirmed_by_users_id_fk" FOREIGN KEY ("host_confirmed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_reports" ADD CONSTRAINT "posting_reports_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_reports" ADD CONSTRAINT "posting_reports_reporter_id_users_id_fk" FOREIGN KEY ("reporter_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_revisions" ADD CONSTRAINT "posting_revisions_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_revisions" ADD CONSTRAINT "posting_revisions_submitted_by_users_id_fk" FOREIGN KEY ("submitted_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_revisions" ADD CONSTRAINT "posting_revisions_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_specialties" ADD CONSTRAINT "posting_specialties_posting_id_postings_id_fk" FOREIGN KEY ("posting_id") REFERENCES "public"."postings"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "posting_specialties" ADD CONSTRAINT "posting_specialties_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_region_code_regions_code_fk" FOREIGN KEY ("region_code") REFERENCES "public"."regions"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_industry_code_industries_code_fk" FOREIGN KEY ("industry_code") REFERENCES "public"."industries"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_post_id_host_posts_id_fk" FOREIGN KEY ("post_id") REFERENCES "public"."host_posts"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_reviewed_by_users_id_fk" FOREIGN KEY ("reviewed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "postings" ADD CONSTRAINT "postings_created_by_users_id_fk" FOREIGN KEY ("created_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_messages" ADD CONSTRAINT "proposal_messages_proposal_id_cooperation_proposals_id_fk" FOREIGN KEY ("proposal_id") REFERENCES "public"."cooperation_proposals"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_messages" ADD CONSTRAINT "proposal_messages_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "proposal_messages" ADD CONSTRAINT "proposal_messages_author_id_users_id_fk" FOREIGN KEY ("author_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_specialties" ADD CONSTRAINT "school_specialties_organisation_id_organisations_id_fk" FOREIGN KEY ("organisation_id") REFERENCES "public"."organisations"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "school_specialties" ADD CONSTRAINT "school_specialties_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "specialty_industry_map_history" ADD CONSTRAINT "specialty_industry_map_history_changed_by_users_id_fk" FOREIGN KEY ("changed_by") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_access_log" ADD CONSTRAINT "student_access_log_student_id_users_id_fk" FOREIGN KEY ("student_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_access_log" ADD CONSTRAINT "student_access_log_viewer_id_users_id_fk" FOREIGN KEY ("viewer_id") REFERENCES "public"."users"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_access_log" ADD CONSTRAINT "student_access_log_viewer_organisation_id_organisations_id_fk" FOREIGN KEY ("viewer_organisation_id") REFERENCES "public"."organisations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD CONSTRAINT "student_profiles_user_id_users_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."users"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD CONSTRAINT "student_profiles_school_id_organisations_id_fk" FOREIGN KEY ("school_id") REFERENCES "public"."organisations"("id") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD CONSTRAINT "student_profiles_specialty_code_specialties_code_fk" FOREIGN KEY ("specialty_code") REFERENCES "public"."specialties"("code") ON DELETE no action ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "student_profiles" ADD CONSTRAINT "student_profiles_invitation_id_invitations_id_fk" FOREIGN KEY ("invitation_id") REFERENCES "public"."invitations"("id") ON DELETE set null ON UPDATE no action;--> statement-breakpoint
ALTER TABLE "weekly_logs" ADD CONSTRAINT "weekly_logs_placement_id_placements_id_fk" FOREIGN KEY ("placement_id") REFERENCES "public"."placements"("id") ON DELETE cascade ON UPDATE no action;--> statement-breakpoint
CREATE UNIQUE INDEX "applications_posting_student_idx" ON "applications" USING btree ("posting_id","student_id") WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX "applications_student_id_idx" ON "applications" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "applications_host_id_status_idx" ON "applications" USING btree ("host_id","status");--> statement-breakpoint
CREATE INDEX "applications_school_id_idx" ON "applications" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "audit_log_created_at_idx" ON "audit_log" USING btree ("created_at");--> statement-breakpoint
CREATE INDEX "audit_log_action_idx" ON "audit_log" USING btree ("action");--> statement-breakpoint
CREATE INDEX "complaint_replies_complaint_id_idx" ON "complaint_replies" USING btree ("complaint_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "complaint_replies_rowid_idx" ON "complaint_replies" USING btree ("rowid");--> statement-breakpoint
CREATE INDEX "complaints_school_id_status_idx" ON "complaints" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "complaints_status_created_at_idx" ON "complaints" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "complaints_placement_id_idx" ON "complaints" USING btree ("placement_id");--> statement-breakpoint
CREATE INDEX "complaints_student_id_idx" ON "complaints" USING btree ("student_id");--> statement-breakpoint
CREATE INDEX "cooperation_projects_school_id_idx" ON "cooperation_projects" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "cooperation_projects_enterprise_id_idx" ON "cooperation_projects" USING btree ("enterprise_id");--> statement-breakpoint
CREATE INDEX "cooperation_proposals_from_idx" ON "cooperation_proposals" USING btree ("from_organisation_id");--> statement-breakpoint
CREATE INDEX "cooperation_proposals_to_idx" ON "cooperation_proposals" USING btree ("to_organisation_id");--> statement-breakpoint
CREATE UNIQUE INDEX "host_posts_organisation_name_idx" ON "host_posts" USING btree ("organisation_id","name");--> statement-breakpoint
CREATE INDEX "industries_parent_code_idx" ON "industries" USING btree ("parent_code");--> statement-breakpoint
CREATE UNIQUE INDEX "invitations_code_idx" ON "invitations" USING btree ("code");--> statement-breakpoint
CREATE INDEX "invitations_organisation_id_idx" ON "invitations" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "log_comments_log_id_idx" ON "log_comments" USING btree ("log_id");--> statement-breakpoint
CREATE INDEX "memberships_organisation_id_idx" ON "memberships" USING btree ("organisation_id");--> statement-breakpoint
CREATE INDEX "notifications_user_id_created_at_idx" ON "notifications" USING btree ("user_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "organisation_changes_one_pending_idx" ON "organisation_changes" USING btree ("organisation_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "organisation_changes_organisation_idx" ON "organisation_changes" USING btree ("organisation_id","created_at");--> statement-breakpoint
CREATE INDEX "organisations_kind_status_idx" ON "organisations" USING btree ("kind","verification_status");--> statement-breakpoint
CREATE INDEX "organisations_region_code_idx" ON "organisations" USING btree ("region_code");--> statement-breakpoint
CREATE INDEX "password_reset_codes_user_idx" ON "password_reset_codes" USING btree ("user_id");--> statement-breakpoint
CREATE UNIQUE INDEX "pay_records_placement_month_idx" ON "pay_records" USING btree ("placement_id","month");--> statement-breakpoint
CREATE INDEX "placement_amendments_placement_idx" ON "placement_amendments" USING btree ("placement_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "placement_amendments_one_pending_idx" ON "placement_amendments" USING btree ("placement_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "placements_posting_id_status_idx" ON "placements" USING btree ("posting_id","status");--> statement-breakpoint
CREATE INDEX "placements_host_id_status_idx" ON "placements" USING btree ("host_id","status");--> statement-breakpoint
CREATE INDEX "placements_school_id_status_idx" ON "placements" USING btree ("school_id","status");--> statement-breakpoint
CREATE INDEX "placements_student_id_idx" ON "placements" USING btree ("student_id");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_reports_open_reporter_idx" ON "posting_reports" USING btree ("posting_id","reporter_key") WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX "posting_reports_posting_id_idx" ON "posting_reports" USING btree ("posting_id","created_at");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_revisions_posting_version_idx" ON "posting_revisions" USING btree ("posting_id","version");--> statement-breakpoint
CREATE UNIQUE INDEX "posting_revisions_one_pending_idx" ON "posting_revisions" USING btree ("posting_id") WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX "posting_revisions_status_idx" ON "posting_revisions" USING btree ("status","created_at");--> statement-breakpoint
CREATE INDEX "posting_specialties_specialty_code_idx" ON "posting_specialties" USING btree ("specialty_code");--> statement-breakpoint
CREATE INDEX "posting_specialties_class_domain_idx" ON "posting_specialties" USING btree ("class_domain");--> statement-breakpoint
CREATE INDEX "postings_organisation_id_status_idx" ON "postings" USING btree ("organisation_id","status");--> statement-breakpoint
CREATE INDEX "postings_status_submitted_at_idx" ON "postings" USING btree ("status","submitted_at");--> statement-breakpoint
CREATE INDEX "postings_status_apply_by_idx" ON "postings" USING btree ("status","apply_by");--> statement-breakpoint
CREATE INDEX "postings_updated_at_idx" ON "postings" USING btree ("updated_at");--> statement-breakpoint
CREATE INDEX "postings_demand_idx" ON "postings" USING btree ("status","kind","apply_by","province_code","city_code","industry_division","quantity","host_verified");--> statement-breakpoint
CREATE INDEX "postings_kind_idx" ON "postings" USING btree ("kind");--> statement-breakpoint
CREATE INDEX "postings_post_id_idx" ON "postings" USING btree ("post_id","status");--> statement-breakpoint
CREATE INDEX "postings_status_province_idx" ON "postings" USING btree ("status","province_code");--> statement-breakpoint
CREATE UNIQUE INDEX "postings_rowid_idx" ON "postings" USING btree ("rowid");--> statement-breakpoint
CREATE INDEX "proposal_messages_proposal_id_idx" ON "proposal_messages" USING btree ("proposal_id");--> statement-breakpoint
CREATE INDEX "regions_parent_code_idx" ON "regions" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "regions_name_idx" ON "regions" USING btree ("name");--> statement-breakpoint
CREATE INDEX "school_specialties_specialty_code_idx" ON "school_specialties" USING btree ("specialty_code");--> statement-breakpoint
CREATE INDEX "specialties_parent_code_idx" ON "specialties" USING btree ("parent_code");--> statement-breakpoint
CREATE INDEX "specialties_domain_code_idx" ON "specialties" USING btree ("domain_code");--> statement-breakpoint
CREATE INDEX "specialty_industry_map_history_domain_idx" ON "specialty_industry_map_history" USING btree ("domain_code");--> statement-breakpoint
CREATE INDEX "student_access_log_student_idx" ON "student_access_log" USING btree ("student_id","created_at");--> statement-breakpoint
CREATE INDEX "student_profiles_school_id_idx" ON "student_profiles" USING btree ("school_id");--> statement-breakpoint
CREATE INDEX "student_profiles_specialty_code_idx" ON "student_profiles" USING btree ("specialty_code");--> statement-breakpoint
CREATE INDEX "student_profiles_match_idx" ON "student_profiles" USING btree ("specialty_code","visible_to_enterprises","school_region_code","user_id");--> statement-breakpoint
CREATE INDEX "users_role_idx" ON "users" USING btree ("role");--> statement-breakpoint
CREATE UNIQUE INDEX "weekly_logs_placement_week_idx" ON "weekly_logs" USING btree ("placement_id","week_start");