CREATE TABLE `applications` (
	`id` text PRIMARY KEY NOT NULL,
	`posting_id` text NOT NULL,
	`student_id` text NOT NULL,
	`school_id` text NOT NULL,
	`host_id` text NOT NULL,
	`cover_note` text DEFAULT '' NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`rejection_reason` text,
	`interview_at` integer,
	`interview_location` text,
	`offer_start_date` text,
	`offer_note` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE UNIQUE INDEX `applications_posting_student_idx` ON `applications` (`posting_id`,`student_id`) WHERE status <> 'withdrawn';--> statement-breakpoint
CREATE INDEX `applications_student_id_idx` ON `applications` (`student_id`);--> statement-breakpoint
CREATE INDEX `applications_host_id_status_idx` ON `applications` (`host_id`,`status`);--> statement-breakpoint
CREATE INDEX `applications_school_id_idx` ON `applications` (`school_id`);--> statement-breakpoint
CREATE TABLE `evaluations` (
	`placement_id` text NOT NULL,
	`party` text NOT NULL,
	`author_id` text,
	`score` integer NOT NULL,
	`comment` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`placement_id`, `party`),
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE TABLE `log_comments` (
	`id` text PRIMARY KEY NOT NULL,
	`log_id` text NOT NULL,
	`author_id` text,
	`party` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`log_id`) REFERENCES `weekly_logs`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `log_comments_log_id_idx` ON `log_comments` (`log_id`);--> statement-breakpoint
CREATE TABLE `notifications` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`type` text NOT NULL,
	`params` text NOT NULL,
	`link` text NOT NULL,
	`read_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `notifications_user_id_created_at_idx` ON `notifications` (`user_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `placements` (
	`id` text PRIMARY KEY NOT NULL,
	`application_id` text NOT NULL,
	`posting_id` text NOT NULL,
	`student_id` text NOT NULL,
	`school_id` text NOT NULL,
	`host_id` text NOT NULL,
	`status` text DEFAULT 'pending_approval' NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`school_approved_at` integer,
	`school_approved_by` text,
	`school_tutor_id` text,
	`host_tutor_id` text,
	`insurer` text,
	`insurance_policy_number` text,
	`insurance_paid_by` text,
	`insurance_recorded_by` text,
	`student_consent_at` integer,
	`guardian_name` text,
	`guardian_relation` text,
	`guardian_consent_at` integer,
	`student_confirmed_digest` text,
	`student_confirmed_at` integer,
	`school_confirmed_digest` text,
	`school_confirmed_at` integer,
	`school_confirmed_by` text,
	`host_confirmed_digest` text,
	`host_confirmed_at` integer,
	`host_confirmed_by` text,
	`agreement_snapshot` text,
	`started_at` integer,
	`completed_at` integer,
	`terminated_at` integer,
	`termination_reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`school_approved_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_tutor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_tutor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`insurance_recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `placements_applicationId_unique` ON `placements` (`application_id`);--> statement-breakpoint
CREATE INDEX `placements_posting_id_status_idx` ON `placements` (`posting_id`,`status`);--> statement-breakpoint
CREATE INDEX `placements_host_id_status_idx` ON `placements` (`host_id`,`status`);--> statement-breakpoint
CREATE INDEX `placements_school_id_status_idx` ON `placements` (`school_id`,`status`);--> statement-breakpoint
CREATE INDEX `placements_student_id_idx` ON `placements` (`student_id`);--> statement-breakpoint
CREATE TABLE `weekly_logs` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`week_start` text NOT NULL,
	`content` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `weekly_logs_placement_week_idx` ON `weekly_logs` (`placement_id`,`week_start`);--> statement-breakpoint
ALTER TABLE `student_profiles` ADD `skills` text DEFAULT '' NOT NULL;--> statement-breakpoint
ALTER TABLE `student_profiles` ADD `certificates` text DEFAULT '[]' NOT NULL;--> statement-breakpoint
ALTER TABLE `student_profiles` ADD `cv_file_name` text;--> statement-breakpoint
ALTER TABLE `student_profiles` ADD `cv_file_size` integer;--> statement-breakpoint
ALTER TABLE `student_profiles` ADD `cv_uploaded_at` integer;