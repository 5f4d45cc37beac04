CREATE TABLE "student_cvs" (
	"user_id" text PRIMARY KEY NOT NULL,
	"content" "bytea" NOT NULL,
	"created_at" timestamp (3) with time zone DEFAULT now() NOT NULL
);
--> statement-breakpoint
ALTER TABLE "student_cvs" ADD CONSTRAINT "student_cvs_user_id_student_profiles_user_id_fk" FOREIGN KEY ("user_id") REFERENCES "public"."student_profiles"("user_id") ON DELETE cascade ON UPDATE no action;