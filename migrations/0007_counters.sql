CREATE TABLE `voucher_sales` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`counter_id` text NOT NULL,
	`waiter` text NOT NULL,
	`method` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`tendered_cents` integer,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`reversed_seq` integer,
	`reversed_at` integer,
	`reversed_by` text,
	`reverse_reason` text
);
--> statement-breakpoint
CREATE INDEX `voucher_sales_event_waiter` ON `voucher_sales` (`event_id`,`waiter`,`seq`);--> statement-breakpoint
ALTER TABLE `orders` ADD `number` integer;--> statement-breakpoint
ALTER TABLE `orders` ADD `counter_id` text;--> statement-breakpoint
CREATE UNIQUE INDEX `orders_event_number` ON `orders` (`event_id`,`number`);