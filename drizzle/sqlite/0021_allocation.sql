CREATE TABLE `allocation_host_rankings` (
	`round_id` text NOT NULL,
	`posting_id` text NOT NULL,
	`student_id` text NOT NULL,
	`rank` integer,
	`unacceptable` integer DEFAULT false NOT NULL,
	PRIMARY KEY(`round_id`, `posting_id`, `student_id`),
	FOREIGN KEY (`round_id`) REFERENCES `allocation_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE TABLE `allocation_results` (
	`round_id` text NOT NULL,
	`student_id` text NOT NULL,
	`posting_id` text,
	`choice` integer,
	`why_not` text NOT NULL,
	`application_id` text,
	PRIMARY KEY(`round_id`, `student_id`),
	FOREIGN KEY (`round_id`) REFERENCES `allocation_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`application_id`) REFERENCES `applications`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `allocation_results_posting_id_idx` ON `allocation_results` (`posting_id`);--> statement-breakpoint
CREATE TABLE `allocation_round_postings` (
	`round_id` text NOT NULL,
	`posting_id` text NOT NULL,
	`seats` integer NOT NULL,
	`capacity` integer,
	`limited_by` text,
	PRIMARY KEY(`round_id`, `posting_id`),
	FOREIGN KEY (`round_id`) REFERENCES `allocation_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `allocation_round_postings_posting_id_idx` ON `allocation_round_postings` (`posting_id`);--> statement-breakpoint
CREATE TABLE `allocation_rounds` (
	`id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`name` text NOT NULL,
	`graduation_year` integer NOT NULL,
	`specialty_code` text,
	`specialty_class` text,
	`max_choices` integer NOT NULL,
	`student_deadline` text NOT NULL,
	`host_deadline` text NOT NULL,
	`state` text DEFAULT 'draft' NOT NULL,
	`seed` integer,
	`previous_round_id` text,
	`summary` text,
	`computed_at` integer,
	`published_at` integer,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `allocation_rounds_school_id_idx` ON `allocation_rounds` (`school_id`);--> statement-breakpoint
CREATE TABLE `allocation_student_rankings` (
	`round_id` text NOT NULL,
	`student_id` text NOT NULL,
	`posting_id` text NOT NULL,
	`rank` integer NOT NULL,
	PRIMARY KEY(`round_id`, `student_id`, `posting_id`),
	FOREIGN KEY (`round_id`) REFERENCES `allocation_rounds`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE UNIQUE INDEX `allocation_student_rankings_round_student_rank_idx` ON `allocation_student_rankings` (`round_id`,`student_id`,`rank`);