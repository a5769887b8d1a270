CREATE TABLE `print_jobs` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`part` integer NOT NULL,
	`printer` text NOT NULL,
	`printed_by` text,
	`kind` text NOT NULL,
	`state` text NOT NULL,
	`document` text NOT NULL,
	`title` text NOT NULL,
	`order_id` text,
	`ticket_id` text,
	`payment_id` text,
	`attempts` integer DEFAULT 0 NOT NULL,
	`last_error` text,
	`created_at` integer NOT NULL,
	`printed_at` integer,
	`body_hash` text DEFAULT '' NOT NULL
);
--> statement-breakpoint
CREATE INDEX `print_jobs_queue` ON `print_jobs` (`event_id`,`printer`,`state`,`seq`,`part`);--> statement-breakpoint
CREATE INDEX `print_jobs_ticket` ON `print_jobs` (`ticket_id`);--> statement-breakpoint
CREATE INDEX `print_jobs_payment` ON `print_jobs` (`payment_id`);--> statement-breakpoint
CREATE INDEX `print_jobs_event_created` ON `print_jobs` (`event_id`,`created_at`);