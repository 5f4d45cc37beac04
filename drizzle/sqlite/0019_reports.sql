CREATE TABLE `report_demand` (
	`apply_by` text NOT NULL,
	`province_code` text NOT NULL,
	`city_code` text NOT NULL,
	`class_code` text NOT NULL,
	`inferred` integer NOT NULL,
	`seats` integer NOT NULL,
	PRIMARY KEY(`apply_by`, `province_code`, `city_code`, `class_code`, `inferred`)
);
--> statement-breakpoint
CREATE INDEX `report_demand_province_idx` ON `report_demand` (`province_code`,`apply_by`);--> statement-breakpoint
CREATE TABLE `report_posting_counts` (
	`status` text NOT NULL,
	`kind` text NOT NULL,
	`province_code` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`status`, `kind`, `province_code`)
);
--> statement-breakpoint
CREATE TABLE `report_posting_demand` (
	`posting_id` text NOT NULL,
	`class_code` text NOT NULL,
	`inferred` integer NOT NULL,
	`apply_by` text NOT NULL,
	`province_code` text NOT NULL,
	`city_code` text NOT NULL,
	`seats` integer NOT NULL,
	PRIMARY KEY(`posting_id`, `class_code`)
);
--> statement-breakpoint
CREATE TABLE `report_status_counts` (
	`subject` text NOT NULL,
	`status` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`subject`, `status`)
);
--> statement-breakpoint
CREATE TABLE `report_supply` (
	`graduation_year` integer NOT NULL,
	`province_code` text NOT NULL,
	`city_code` text NOT NULL,
	`class_code` text NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`graduation_year`, `province_code`, `city_code`, `class_code`)
);
