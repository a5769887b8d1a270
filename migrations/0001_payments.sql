CREATE TABLE `bill_items` (
	`event_id` text NOT NULL,
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`table_name` text NOT NULL,
	`qty` integer NOT NULL,
	`paid_qty` integer DEFAULT 0 NOT NULL,
	`voided_qty` integer DEFAULT 0 NOT NULL,
	PRIMARY KEY(`order_id`, `line`, `table_name`)
);
--> statement-breakpoint
CREATE INDEX `bill_items_event_table` ON `bill_items` (`event_id`,`table_name`);--> statement-breakpoint
CREATE TABLE `moves` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`from_table` text NOT NULL,
	`to_table` text NOT NULL,
	`items` text NOT NULL,
	`waiter` text NOT NULL,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE TABLE `payment_items` (
	`payment_id` text NOT NULL,
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`table_name` text NOT NULL,
	`qty` integer NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`unit_cents` integer NOT NULL,
	`deposit_cents` integer NOT NULL,
	PRIMARY KEY(`payment_id`, `order_id`, `line`)
);
--> statement-breakpoint
CREATE INDEX `payment_items_order` ON `payment_items` (`order_id`);--> statement-breakpoint
CREATE TABLE `payments` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`table_name` text NOT NULL,
	`waiter` text NOT NULL,
	`method` text NOT NULL,
	`amount_cents` integer NOT NULL,
	`deposit_cents` integer NOT NULL,
	`deposit_return_cents` integer NOT NULL,
	`tip_cents` integer NOT NULL,
	`tendered_cents` integer,
	`reason` text NOT NULL,
	`deposit_returns` text NOT NULL,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`reversed_seq` integer,
	`reversed_at` integer,
	`reversed_by` text,
	`reverse_reason` text
);
--> statement-breakpoint
CREATE INDEX `payments_event_waiter` ON `payments` (`event_id`,`waiter`,`seq`);--> statement-breakpoint
CREATE INDEX `payments_event_table` ON `payments` (`event_id`,`table_name`);--> statement-breakpoint
CREATE TABLE `settlements` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`waiter` text NOT NULL,
	`float_cents` integer NOT NULL,
	`counted_cents` integer NOT NULL,
	`expected_cash_cents` integer NOT NULL,
	`shift` text NOT NULL,
	`by` text NOT NULL,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `settlements_event_waiter` ON `settlements` (`event_id`,`waiter`,`seq`);--> statement-breakpoint
CREATE TABLE `voids` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`table_name` text NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`qty` integer NOT NULL,
	`unit_cents` integer NOT NULL,
	`deposit_cents` integer NOT NULL,
	`reason` text NOT NULL,
	`note` text NOT NULL,
	`waiter` text NOT NULL,
	`approved_by` text NOT NULL,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL
);
--> statement-breakpoint
CREATE INDEX `voids_event` ON `voids` (`event_id`,`seq`);--> statement-breakpoint
ALTER TABLE `order_items` ADD `deposit_cents` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
ALTER TABLE `order_items` ADD `voided_qty` integer DEFAULT 0 NOT NULL;--> statement-breakpoint
-- Orders taken before payments existed: each line lies whole and open on its order's table.
INSERT INTO `bill_items` (`event_id`, `order_id`, `line`, `table_name`, `qty`)
SELECT o.`event_id`, i.`order_id`, i.`line`, o.`table_name`, i.`qty`
FROM `order_items` i JOIN `orders` o ON o.`id` = i.`order_id`;
