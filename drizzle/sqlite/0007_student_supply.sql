CREATE TABLE `student_supply` (
	`region_code` text NOT NULL,
	`class_code` text NOT NULL,
	`graduation_year` integer NOT NULL,
	`n` integer NOT NULL,
	PRIMARY KEY(`region_code`, `class_code`, `graduation_year`)
);
