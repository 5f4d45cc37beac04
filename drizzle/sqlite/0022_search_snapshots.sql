CREATE TABLE `search_index_snapshots` (
	`snapshot_id` text NOT NULL,
	`part` integer NOT NULL,
	`header` text,
	`data` blob NOT NULL,
	`created_at` integer DEFAULT (unixepoch('subsec') * 1000) NOT NULL,
	PRIMARY KEY(`snapshot_id`, `part`)
);
