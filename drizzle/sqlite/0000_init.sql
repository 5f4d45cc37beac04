CREATE TABLE `industries` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`level` text NOT NULL,
	`section_code` text NOT NULL,
	`description` text
);
--> statement-breakpoint
CREATE INDEX `industries_parent_code_idx` ON `industries` (`parent_code`);--> statement-breakpoint
CREATE TABLE `invitations` (
	`id` text PRIMARY KEY NOT NULL,
	`organisation_id` text NOT NULL,
	`code` text NOT NULL,
	`label` text DEFAULT '' NOT NULL,
	`max_uses` integer NOT NULL,
	`used_count` integer DEFAULT 0 NOT NULL,
	`expires_at` integer NOT NULL,
	`revoked_at` integer,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `invitations_code_idx` ON `invitations` (`code`);--> statement-breakpoint
CREATE INDEX `invitations_organisation_id_idx` ON `invitations` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `memberships` (
	`user_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`user_id`, `organisation_id`),
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `memberships_organisation_id_idx` ON `memberships` (`organisation_id`);--> statement-breakpoint
CREATE TABLE `organisations` (
	`id` text PRIMARY KEY NOT NULL,
	`kind` text NOT NULL,
	`name` text NOT NULL,
	`school_code` text,
	`school_level` text,
	`uscc` text,
	`industry_code` text,
	`staff_count` integer,
	`integration_certified` integer DEFAULT false NOT NULL,
	`region_code` text NOT NULL,
	`address` text NOT NULL,
	`description` text DEFAULT '' NOT NULL,
	`contact_name` text DEFAULT '' NOT NULL,
	`contact_phone` text DEFAULT '' NOT NULL,
	`website` text DEFAULT '' NOT NULL,
	`verification_status` text DEFAULT 'pending' NOT NULL,
	`rejection_reason` text,
	`reviewed_at` integer,
	`reviewed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`industry_code`) REFERENCES `industries`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`region_code`) REFERENCES `regions`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`reviewed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_schoolCode_unique` ON `organisations` (`school_code`);--> statement-breakpoint
CREATE UNIQUE INDEX `organisations_uscc_unique` ON `organisations` (`uscc`);--> statement-breakpoint
CREATE INDEX `organisations_kind_status_idx` ON `organisations` (`kind`,`verification_status`);--> statement-breakpoint
CREATE INDEX `organisations_region_code_idx` ON `organisations` (`region_code`);--> statement-breakpoint
CREATE TABLE `reference_meta` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `regions` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`level` text NOT NULL,
	`province_code` text NOT NULL,
	`city_code` text,
	`kind` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `regions_parent_code_idx` ON `regions` (`parent_code`);--> statement-breakpoint
CREATE INDEX `regions_name_idx` ON `regions` (`name`);--> statement-breakpoint
CREATE TABLE `school_specialties` (
	`organisation_id` text NOT NULL,
	`specialty_code` text NOT NULL,
	PRIMARY KEY(`organisation_id`, `specialty_code`),
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`specialty_code`) REFERENCES `specialties`(`code`) ON UPDATE no action ON DELETE no action
);
--> statement-breakpoint
CREATE INDEX `school_specialties_specialty_code_idx` ON `school_specialties` (`specialty_code`);--> statement-breakpoint
CREATE TABLE `specialties` (
	`code` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`parent_code` text,
	`level` text NOT NULL,
	`education_level` text NOT NULL,
	`domain_code` text NOT NULL,
	`national_control` integer DEFAULT false NOT NULL,
	`catalog_version` text NOT NULL
);
--> statement-breakpoint
CREATE INDEX `specialties_parent_code_idx` ON `specialties` (`parent_code`);--> statement-breakpoint
CREATE INDEX `specialties_domain_code_idx` ON `specialties` (`domain_code`);--> statement-breakpoint
CREATE TABLE `specialty_industry_map` (
	`domain_code` text PRIMARY KEY NOT NULL,
	`class_name` text NOT NULL,
	`primary_divisions` text NOT NULL,
	`related_divisions` text NOT NULL,
	`version` integer DEFAULT 1 NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE TABLE `student_profiles` (
	`user_id` text PRIMARY KEY NOT NULL,
	`school_id` text NOT NULL,
	`specialty_code` text NOT NULL,
	`enrolment_year` integer NOT NULL,
	`birth_date` text NOT NULL,
	`preferred_regions` text DEFAULT '[]' NOT NULL,
	`bio` text DEFAULT '' NOT NULL,
	`visible_to_enterprises` integer DEFAULT false NOT NULL,
	`invitation_id` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`specialty_code`) REFERENCES `specialties`(`code`) ON UPDATE no action ON DELETE no action,
	FOREIGN KEY (`invitation_id`) REFERENCES `invitations`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `student_profiles_school_id_idx` ON `student_profiles` (`school_id`);--> statement-breakpoint
CREATE INDEX `student_profiles_specialty_code_idx` ON `student_profiles` (`specialty_code`);--> statement-breakpoint
CREATE TABLE `users` (
	`id` text PRIMARY KEY NOT NULL,
	`email` text,
	`mobile` text,
	`name` text NOT NULL,
	`password_hash` text NOT NULL,
	`role` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL
);
--> statement-breakpoint
CREATE UNIQUE INDEX `users_email_unique` ON `users` (`email`);--> statement-breakpoint
CREATE UNIQUE INDEX `users_mobile_unique` ON `users` (`mobile`);