CREATE TABLE `funnel_daily` (
	`posting_id` text NOT NULL,
	`day` text NOT NULL,
	`source` text NOT NULL,
	`impressions` integer DEFAULT 0 NOT NULL,
	`views` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`posting_id`, `day`, `source`)
);
--> statement-breakpoint
CREATE INDEX `funnel_daily_day_idx` ON `funnel_daily` (`day`);--> statement-breakpoint
CREATE TABLE `funnel_view_sources` (
	`posting_id` text NOT NULL,
	`student_id` text NOT NULL,
	`source` text NOT NULL,
	`viewed_at` integer NOT NULL,
	PRIMARY KEY(`posting_id`, `student_id`),
	FOREIGN KEY (`posting_id`) REFERENCES `postings`(`id`) ON UPDATE no action ON DELETE cascade,
	FOREIGN KEY (`student_id`) REFERENCES `users`(`id`) ON UPDATE no action ON DELETE cascade
);
