CREATE TABLE `posting_specialties` (
	`posting_id` text NOT NULL,
	`specialty_code` text NOT NULL,
	`class_domain` text NOT NULL,
	`group_domain` text NOT NULL,
	PRIMARY KEY(`posting_id`, `specialty_code`),
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`specialty_code`) REFERENCES `specialties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `posting_specialties_specialty_code_idx` ON `posting_specialties` (`specialty_code`);--> statement-breakpoint
CREATE INDEX `posting_specialties_class_domain_idx` ON `posting_specialties` (`class_domain`);--> statement-breakpoint
CREATE TABLE `postings` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`kind` text NOT NULL,
	`status` text DEFAULT 'draft' NOT NULL,
	`title` text NOT NULL,
	`description` text NOT NULL,
	`region_code` text NOT NULL,
	`province_code` text NOT NULL,
	`city_code` text NOT NULL,
	`address` text NOT NULL,
	`industry_code` text NOT NULL,
	`industry_division` text NOT NULL,
	`quantity` integer NOT NULL,
	`monthly_pay` integer,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`apply_by` text NOT NULL,
	`contact_name` text NOT NULL,
	`contact_phone` text NOT NULL,
	`details` text NOT NULL,
	`rejection_reason` text,
	`submitted_at` integer,
	`published_at` integer,
	`reviewed_by` text,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`industry_code`) REFERENCES `industries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `postings_organisation_id_status_idx` ON `postings` (`organisation_id`,`status`);--> statement-breakpoint
CREATE INDEX `postings_status_submitted_at_idx` ON `postings` (`status`,`submitted_at`);--> statement-breakpoint
CREATE INDEX `postings_status_apply_by_idx` ON `postings` (`status`,`apply_by`);