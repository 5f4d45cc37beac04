CREATE TABLE `complaint_replies` (
	`id` text PRIMARY KEY NOT NULL,
	`complaint_id` text NOT NULL,
	`author_id` text,
	`side` text NOT NULL,
	`body` text NOT NULL,
	`status` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`complaint_id`) REFERENCES `complaints`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `complaint_replies_complaint_id_idx` ON `complaint_replies` (`complaint_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `complaints` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`student_id` text NOT NULL,
	`school_id` text NOT NULL,
	`host_id` text NOT NULL,
	`category` text NOT NULL,
	`reporter` text DEFAULT 'student' NOT NULL,
	`description` text NOT NULL,
	`status` text DEFAULT 'submitted' NOT NULL,
	`reply_due_on` text NOT NULL,
	`first_replied_at` integer,
	`resolved_at` integer,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`host_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `complaints_school_id_status_idx` ON `complaints` (`school_id`,`status`);--> statement-breakpoint
CREATE INDEX `complaints_status_created_at_idx` ON `complaints` (`status`,`created_at`);--> statement-breakpoint
CREATE INDEX `complaints_placement_id_idx` ON `complaints` (`placement_id`);--> statement-breakpoint
CREATE INDEX `complaints_student_id_idx` ON `complaints` (`student_id`);--> statement-breakpoint
CREATE TABLE `host_posts` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`name` text NOT NULL,
	`staff_count` integer NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `host_posts_organisation_name_idx` ON `host_posts` (`organisation_id`,`name`);--> statement-breakpoint
CREATE TABLE `organisation_changes` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`values` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_by` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisation_changes_one_pending_idx` ON `organisation_changes` (`organisation_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `organisation_changes_organisation_idx` ON `organisation_changes` (`organisation_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `password_reset_codes` (
	`id` text PRIMARY KEY NOT NULL,
	`user_id` text NOT NULL,
	`code_hash` text NOT NULL,
	`issued_by` text,
	`expires_at` integer NOT NULL,
	`used_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`issued_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `password_reset_codes_user_idx` ON `password_reset_codes` (`user_id`);--> statement-breakpoint
CREATE TABLE `pay_records` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`month` text NOT NULL,
	`amount` integer NOT NULL,
	`paid_on` text NOT NULL,
	`recorded_by` text,
	`student_response` text,
	`student_note` text,
	`responded_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`recorded_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `pay_records_placement_month_idx` ON `pay_records` (`placement_id`,`month`);--> statement-breakpoint
CREATE TABLE `placement_amendments` (
	`id` text PRIMARY KEY NOT NULL,
	`placement_id` text NOT NULL,
	`previous_end_date` text NOT NULL,
	`new_end_date` text NOT NULL,
	`reason` text NOT NULL,
	`proposed_by` text,
	`status` text DEFAULT 'pending' NOT NULL,
	`student_confirmed_at` integer,
	`school_confirmed_at` integer,
	`school_confirmed_by` text,
	`host_confirmed_at` integer,
	`host_confirmed_by` text,
	`applied_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`placement_id`) REFERENCES `placements`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`proposed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`host_confirmed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `placement_amendments_placement_idx` ON `placement_amendments` (`placement_id`,`created_at`);--> statement-breakpoint
CREATE UNIQUE INDEX `placement_amendments_one_pending_idx` ON `placement_amendments` (`placement_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE TABLE `posting_reports` (
	`id` text PRIMARY KEY NOT NULL,
	`posting_id` text NOT NULL,
	`reporter_id` text,
	`reporter_key` text NOT NULL,
	`reason` text NOT NULL,
	`note` text DEFAULT '' NOT NULL,
	`closed_at` integer,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`reporter_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posting_reports_open_reporter_idx` ON `posting_reports` (`posting_id`,`reporter_key`) WHERE closed_at is null;--> statement-breakpoint
CREATE INDEX `posting_reports_posting_id_idx` ON `posting_reports` (`posting_id`,`created_at`);--> statement-breakpoint
CREATE TABLE `posting_revisions` (
	`id` text PRIMARY KEY NOT NULL,
	`posting_id` text NOT NULL,
	`version` integer NOT NULL,
	`values` text NOT NULL,
	`status` text DEFAULT 'pending' NOT NULL,
	`submitted_by` text,
	`reviewed_by` text,
	`reviewed_at` integer,
	`reason` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`submitted_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `posting_revisions_posting_version_idx` ON `posting_revisions` (`posting_id`,`version`);--> statement-breakpoint
CREATE UNIQUE INDEX `posting_revisions_one_pending_idx` ON `posting_revisions` (`posting_id`) WHERE status = 'pending';--> statement-breakpoint
CREATE INDEX `posting_revisions_status_idx` ON `posting_revisions` (`status`,`created_at`);--> statement-breakpoint
CREATE TABLE `student_access_log` (
	`id` text PRIMARY KEY NOT NULL,
	`student_id` text NOT NULL,
	`viewer_id` text,
	`viewer_role` text NOT NULL,
	`viewer_organisation_id` text,
	`what` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`viewer_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`viewer_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `student_access_log_student_idx` ON `student_access_log` (`student_id`,`created_at`);--> statement-breakpoint
ALTER TABLE `placements` ADD `long_placement_reason` text;--> statement-breakpoint
ALTER TABLE `postings` ADD `host_verified` integer DEFAULT true NOT NULL;--> statement-breakpoint
ALTER TABLE `postings` ADD `post_id` text REFERENCES host_posts(id);--> statement-breakpoint
ALTER TABLE `postings` ADD `suspended_at` integer;--> statement-breakpoint
CREATE INDEX `postings_post_id_idx` ON `postings` (`post_id`,`status`);--> statement-breakpoint
ALTER TABLE `users` ADD `session_version` integer DEFAULT 0 NOT NULL;