CREATE INDEX `postings_demand_idx` ON `postings` (`status`,`kind`,`apply_by`,`province_code`,`city_code`,`industry_division`,`quantity`);--> statement-breakpoint
CREATE INDEX `postings_kind_idx` ON `postings` (`kind`);--> statement-breakpoint
CREATE INDEX `postings_status_province_idx` ON `postings` (`status`,`province_code`);