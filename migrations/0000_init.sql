CREATE TABLE `availability` (
	`event_id` text NOT NULL,
	`product_id` text NOT NULL,
	`sold_out` integer NOT NULL,
	`quota` integer,
	`updated_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `product_id`)
);
--> statement-breakpoint
CREATE TABLE `changes` (
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`type` text NOT NULL,
	`frame` text NOT NULL,
	`at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `seq`)
);
--> statement-breakpoint
CREATE TABLE `event_state` (
	`event_id` text PRIMARY KEY NOT NULL,
	`seq` integer NOT NULL,
	`menu_version` integer NOT NULL,
	`config_hash` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `menu_versions` (
	`event_id` text NOT NULL,
	`version` integer NOT NULL,
	`products` text NOT NULL,
	`created_at` integer NOT NULL,
	PRIMARY KEY(`event_id`, `version`)
);
--> statement-breakpoint
CREATE TABLE `order_items` (
	`order_id` text NOT NULL,
	`line` integer NOT NULL,
	`ticket_id` text NOT NULL,
	`product_id` text NOT NULL,
	`name` text NOT NULL,
	`unit_cents` integer NOT NULL,
	`category_id` text NOT NULL,
	`station_id` text NOT NULL,
	`qty` integer NOT NULL,
	`note` text NOT NULL,
	`options` text NOT NULL,
	`done_at` integer,
	PRIMARY KEY(`order_id`, `line`)
);
--> statement-breakpoint
CREATE INDEX `order_items_ticket` ON `order_items` (`ticket_id`);--> statement-breakpoint
CREATE TABLE `orders` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`seq` integer NOT NULL,
	`table_name` text NOT NULL,
	`waiter` text NOT NULL,
	`menu_version` integer NOT NULL,
	`body_hash` text NOT NULL,
	`created_at` integer NOT NULL,
	`closed_at` integer
);
--> statement-breakpoint
CREATE INDEX `orders_event_table` ON `orders` (`event_id`,`table_name`);--> statement-breakpoint
CREATE INDEX `orders_event_closed` ON `orders` (`event_id`,`closed_at`);--> statement-breakpoint
CREATE TABLE `settings` (
	`key` text PRIMARY KEY NOT NULL,
	`value` text NOT NULL
);
--> statement-breakpoint
CREATE TABLE `tickets` (
	`id` text PRIMARY KEY NOT NULL,
	`event_id` text NOT NULL,
	`order_id` text NOT NULL,
	`station_id` text NOT NULL,
	`table_name` text NOT NULL,
	`waiter` text NOT NULL,
	`created_at` integer NOT NULL,
	`done_at` integer,
	`picked_up_at` integer
);
--> statement-breakpoint
CREATE INDEX `tickets_order` ON `tickets` (`order_id`);--> statement-breakpoint
CREATE INDEX `tickets_event_station` ON `tickets` (`event_id`,`station_id`,`done_at`);