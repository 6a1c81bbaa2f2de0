import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129063345 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_template" drop constraint if exists "marketing_template_starter_key_unique";`);
    this.addSql(`alter table if exists "marketing_settings" drop constraint if exists "marketing_settings_key_unique";`);
    this.addSql(`alter table if exists "marketing_message_event" drop constraint if exists "marketing_message_event_idempotency_key_unique";`);
    this.addSql(`create table if not exists "marketing_message_event" ("id" text not null, "message_id" text not null, "contact_id" text not null, "type" text check ("type" in ('delivered', 'opened', 'clicked', 'bounced', 'complained', 'unsubscribed', 'deferred')) not null, "machine" boolean not null default false, "occurred_at" timestamptz not null, "url" text null, "reason" text null, "bounce_type" text null, "source" text not null, "idempotency_key" text null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_event_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_event_deleted_at" ON "marketing_message_event" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_event_message_id_type" ON "marketing_message_event" ("message_id", "type") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_event_contact_id_type_occurred_at" ON "marketing_message_event" ("contact_id", "type", "occurred_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_message_event_idempotency_key_unique" ON "marketing_message_event" ("idempotency_key") WHERE idempotency_key IS NOT NULL AND deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_settings" ("id" text not null, "key" text not null, "values" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_settings_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_settings_deleted_at" ON "marketing_settings" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_settings_key_unique" ON "marketing_settings" ("key") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "unsubscribed_topics" text[] not null default '{}', add column if not exists "soft_bounces" integer not null default 0, add column if not exists "last_emailed_at" timestamptz null, add column if not exists "last_opened_at" timestamptz null, add column if not exists "last_clicked_at" timestamptz null;`);

    this.addSql(`alter table if exists "marketing_message" add column if not exists "topic" text null, add column if not exists "links" jsonb null, add column if not exists "delivered_at" timestamptz null, add column if not exists "opened_at" timestamptz null, add column if not exists "clicked_at" timestamptz null, add column if not exists "bounced_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_provider_message_id" ON "marketing_message" ("provider_message_id") WHERE provider_message_id IS NOT NULL AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_created_at" ON "marketing_message" ("created_at") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_template" add column if not exists "topic" text null, add column if not exists "starter_key" text null;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_template_starter_key_unique" ON "marketing_template" ("starter_key") WHERE deleted_at IS NULL AND starter_key IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_message_event" cascade;`);

    this.addSql(`drop table if exists "marketing_settings" cascade;`);

    this.addSql(`alter table if exists "marketing_contact" drop column if exists "unsubscribed_topics", drop column if exists "soft_bounces", drop column if exists "last_emailed_at", drop column if exists "last_opened_at", drop column if exists "last_clicked_at";`);

    this.addSql(`drop index if exists "IDX_marketing_message_provider_message_id";`);
    this.addSql(`drop index if exists "IDX_marketing_message_created_at";`);
    this.addSql(`alter table if exists "marketing_message" drop column if exists "topic", drop column if exists "links", drop column if exists "delivered_at", drop column if exists "opened_at", drop column if exists "clicked_at", drop column if exists "bounced_at";`);

    this.addSql(`drop index if exists "IDX_marketing_template_starter_key_unique";`);
    this.addSql(`alter table if exists "marketing_template" drop column if exists "topic", drop column if exists "starter_key";`);
  }

}
