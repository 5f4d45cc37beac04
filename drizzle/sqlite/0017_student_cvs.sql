CREATE TABLE `student_cvs` (
	`user_id` text PRIMARY KEY NOT NULL,
	`content` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	FOREIGN KEY (`user_id`) REFERENCES `student_profiles`(`user_id`) ON UPDATE no action ON DELETE cascade
);
