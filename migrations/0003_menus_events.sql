CREATE TABLE `events` (
	`id` text PRIMARY KEY NOT NULL,
	`name` text NOT NULL,
	`started_at` integer NOT NULL,
	`ended_at` integer
);
--> statement-breakpoint
CREATE TABLE `menus` (
	`event_id` text PRIMARY KEY NOT NULL,
	`categories` text NOT NULL,
	`products` text NOT NULL,
	`removed` text NOT NULL,
	`source` text NOT NULL,
	`config_hash` text NOT NULL,
	`edited_version` integer NOT NULL,
	`updated_at` integer NOT NULL,
	`updated_by` text NOT NULL
);
