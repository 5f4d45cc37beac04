CREATE TABLE `audit_log` (
	`id` text PRIMARY KEY NOT NULL,
	`actor_id` text,
	`action` text NOT NULL,
	`target_type` text NOT NULL,
	`target_id` text NOT NULL,
	`summary` text NOT NULL,
	`details` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`actor_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `audit_log_created_at_idx` ON `audit_log` (`created_at`);--> statement-breakpoint
CREATE INDEX `audit_log_action_idx` ON `audit_log` (`action`);--> statement-breakpoint
CREATE TABLE `cooperation_projects` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`school_id` text NOT NULL,
	`enterprise_id` text NOT NULL,
	`start_date` text NOT NULL,
	`end_date` text NOT NULL,
	`documents` text DEFAULT '' NOT NULL,
	`student_count` integer DEFAULT 0 NOT NULL,
	`mentor_count` integer DEFAULT 0 NOT NULL,
	`status` text DEFAULT 'active' NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `cooperation_proposals`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`school_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`enterprise_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade
);
--> statement-breakpoint
CREATE INDEX `cooperation_projects_school_id_idx` ON `cooperation_projects` (`school_id`);--> statement-breakpoint
CREATE INDEX `cooperation_projects_enterprise_id_idx` ON `cooperation_projects` (`enterprise_id`);--> statement-breakpoint
CREATE TABLE `cooperation_proposals` (
	`id` text PRIMARY KEY NOT NULL,
	`from_organisation_id` text NOT NULL,
	`to_organisation_id` text NOT NULL,
	`posting_id` text,
	`kind` text NOT NULL,
	`title` text NOT NULL,
	`status` text DEFAULT 'open' NOT NULL,
	`created_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`from_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`to_organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE set null,
	FOREIGN KEY (`created_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `cooperation_proposals_from_idx` ON `cooperation_proposals` (`from_organisation_id`);--> statement-breakpoint
CREATE INDEX `cooperation_proposals_to_idx` ON `cooperation_proposals` (`to_organisation_id`);--> statement-breakpoint
CREATE TABLE `proposal_messages` (
	`id` text PRIMARY KEY NOT NULL,
	`proposal_id` text NOT NULL,
	`organisation_id` text NOT NULL,
	`author_id` text,
	`body` text NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	`updated_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`proposal_id`) REFERENCES `cooperation_proposals`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`organisation_id`) REFERENCES `organisations`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`author_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `proposal_messages_proposal_id_idx` ON `proposal_messages` (`proposal_id`);--> statement-breakpoint
CREATE TABLE `specialty_industry_map_history` (
	`id` text PRIMARY KEY NOT NULL,
	`domain_code` text NOT NULL,
	`before` text NOT NULL,
	`after` text NOT NULL,
	`changed_by` text,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`changed_by`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE set null
);
--> statement-breakpoint
CREATE INDEX `specialty_industry_map_history_domain_idx` ON `specialty_industry_map_history` (`domain_code`);--> statement-breakpoint
ALTER TABLE `placements` ADD `hired_after` integer DEFAULT false NOT NULL;