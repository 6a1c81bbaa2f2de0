import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129034357 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_tracked_cart" drop constraint if exists "marketing_tracked_cart_cart_id_unique";`);
    this.addSql(`alter table if exists "marketing_job_state" drop constraint if exists "marketing_job_state_key_unique";`);
    this.addSql(`alter table if exists "marketing_contact_event" drop constraint if exists "marketing_contact_event_idempotency_key_unique";`);
    this.addSql(`alter table if exists "marketing_contact" drop constraint if exists "marketing_contact_email_unique";`);
    this.addSql(`create table if not exists "marketing_contact" ("id" text not null, "email" text not null, "customer_id" text null, "first_name" text null, "last_name" text null, "phone" text null, "locale" text null, "timezone" text null, "consent_status" text check ("consent_status" in ('subscribed', 'unsubscribed', 'pending', 'never')) not null default 'never', "consent_source" text null, "consent_at" timestamptz null, "consent_ip" text null, "consent_text" text null, "suppressed_at" timestamptz null, "suppression_reason" text null, "currency_code" text null, "orders_count" integer not null default 0, "total_spent" numeric not null default 0, "average_order_value" numeric not null default 0, "spent_by_currency" jsonb null, "first_order_at" timestamptz null, "last_order_at" timestamptz null, "last_seen_at" timestamptz null, "last_cart_at" timestamptz null, "product_ids" text[] not null default '{}', "category_ids" text[] not null default '{}', "erased_at" timestamptz null, "metadata" jsonb null, "raw_total_spent" jsonb not null default '{"value":"0","precision":20}', "raw_average_order_value" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_deleted_at" ON "marketing_contact" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_email_unique" ON "marketing_contact" ("email") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_customer_id" ON "marketing_contact" ("customer_id") WHERE deleted_at IS NULL AND customer_id IS NOT NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_consent_status" ON "marketing_contact" ("consent_status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_last_order_at" ON "marketing_contact" ("last_order_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_contact_event" ("id" text not null, "type" text not null, "occurred_at" timestamptz not null, "idempotency_key" text not null, "resource_type" text null, "resource_id" text null, "data" jsonb null, "contact_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_contact_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_contact_id" ON "marketing_contact_event" ("contact_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_deleted_at" ON "marketing_contact_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_contact_event_idempotency_key_unique" ON "marketing_contact_event" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_contact_id_type_occurred_at" ON "marketing_contact_event" ("contact_id", "type", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_resource_id" ON "marketing_contact_event" ("resource_id") WHERE resource_id IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_job_state" ("id" text not null, "key" text not null, "status" text check ("status" in ('idle', 'running', 'completed', 'failed')) not null default 'idle', "cursor" jsonb null, "progress" jsonb null, "error" text null, "started_at" timestamptz null, "finished_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_job_state_pkey" primary key ("id"));`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_job_state_key_unique" ON "marketing_job_state" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_job_state_deleted_at" ON "marketing_job_state" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_tracked_cart" ("id" text not null, "cart_id" text not null, "email" text null, "customer_id" text null, "contact_id" text null, "currency_code" text null, "item_count" integer not null default 0, "status" text check ("status" in ('active', 'abandoned', 'empty', 'completed', 'expired')) not null default 'active', "last_activity_at" timestamptz not null, "reported_activity_at" timestamptz null, "abandoned_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_tracked_cart_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_tracked_cart_deleted_at" ON "marketing_tracked_cart" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_tracked_cart_cart_id_unique" ON "marketing_tracked_cart" ("cart_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_tracked_cart_last_activity_at" ON "marketing_tracked_cart" ("last_activity_at") WHERE deleted_at IS NULL AND status = 'active';`);

    this.addSql(`alter table if exists "marketing_contact_event" add constraint "marketing_contact_event_contact_id_foreign" foreign key ("contact_id") references "marketing_contact" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact_event" drop constraint if exists "marketing_contact_event_contact_id_foreign";`);

    this.addSql(`drop table if exists "marketing_contact" cascade;`);

    this.addSql(`drop table if exists "marketing_contact_event" cascade;`);

    this.addSql(`drop table if exists "marketing_job_state" cascade;`);

    this.addSql(`drop table if exists "marketing_tracked_cart" cascade;`);
  }

}
