import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129095841 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_version" drop constraint if exists "marketing_flow_version_flow_id_version_unique";`);
    this.addSql(`alter table if exists "marketing_flow_step_log" drop constraint if exists "marketing_flow_step_log_key_unique";`);
    this.addSql(`alter table if exists "marketing_flow_run" drop constraint if exists "marketing_flow_run_flow_id_contact_id_entry_key_unique";`);
    this.addSql(`alter table if exists "marketing_flow" drop constraint if exists "marketing_flow_playbook_key_unique";`);
    this.addSql(`alter table if exists "marketing_conversion" drop constraint if exists "marketing_conversion_order_id_unique";`);
    this.addSql(`create table if not exists "marketing_campaign" ("id" text not null, "name" text not null, "status" text check ("status" in ('draft', 'scheduled', 'sending', 'sent', 'cancelled')) not null default 'draft', "template_id" text not null, "subject" text null, "segment_ids" jsonb not null, "exclude_segment_ids" jsonb null, "transactional" boolean not null default false, "scheduled_at" timestamptz null, "local_time" boolean not null default false, "ab_test" jsonb null, "winner_variant" text null, "decided_at" timestamptz null, "audience_count" integer null, "started_at" timestamptz null, "finished_at" timestamptz null, "cancelled_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_campaign_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_campaign_deleted_at" ON "marketing_campaign" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_campaign_status_scheduled_at" ON "marketing_campaign" ("status", "scheduled_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_conversion" ("id" text not null, "order_id" text not null, "contact_id" text not null, "message_id" text not null, "reason_type" text not null, "reason_id" text null, "reason_step" text null, "variant" text null, "touch" text check ("touch" in ('click', 'open')) not null, "touched_at" timestamptz not null, "ordered_at" timestamptz not null, "amount" numeric not null, "refunded_amount" numeric not null default 0, "currency_code" text not null, "canceled_at" timestamptz null, "raw_amount" jsonb not null, "raw_refunded_amount" jsonb not null default '{"value":"0","precision":20}', "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_conversion_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_conversion_deleted_at" ON "marketing_conversion" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_conversion_order_id_unique" ON "marketing_conversion" ("order_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_conversion_reason_type_reason_id" ON "marketing_conversion" ("reason_type", "reason_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_conversion_ordered_at" ON "marketing_conversion" ("ordered_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow" ("id" text not null, "name" text not null, "description" text null, "status" text check ("status" in ('draft', 'active', 'paused', 'archived')) not null default 'draft', "definition" jsonb not null, "active_version_id" text null, "trigger_type" text null, "trigger_event" text null, "playbook_key" text null, "activated_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_deleted_at" ON "marketing_flow" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_status_trigger_event" ON "marketing_flow" ("status", "trigger_event") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_playbook_key_unique" ON "marketing_flow" ("playbook_key") WHERE deleted_at IS NULL AND playbook_key IS NOT NULL;`);

    this.addSql(`create table if not exists "marketing_flow_run" ("id" text not null, "flow_id" text not null, "flow_version_id" text not null, "contact_id" text not null, "entry_key" text not null, "status" text check ("status" in ('active', 'waiting', 'completed', 'exited', 'failed')) not null default 'active', "holdout" boolean not null default false, "state" jsonb not null, "current_step" text null, "wake_at" timestamptz null, "trigger_data" jsonb null, "entered_at" timestamptz not null, "finished_at" timestamptz null, "exit_reason" text null, "last_error" text null, "failures" integer not null default 0, "lease_until" timestamptz null, "claim_token" text null, "converted_at" timestamptz null, "conversion_order_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_run_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_run_deleted_at" ON "marketing_flow_run" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_run_flow_id_contact_id_entry_key_unique" ON "marketing_flow_run" ("flow_id", "contact_id", "entry_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_run_wake_at" ON "marketing_flow_run" ("wake_at") WHERE deleted_at IS NULL AND status IN ('active', 'waiting');`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_run_contact_id_status" ON "marketing_flow_run" ("contact_id", "status") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_run_flow_id_status" ON "marketing_flow_run" ("flow_id", "status") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_step_log" ("id" text not null, "run_id" text not null, "flow_id" text not null, "step_id" text not null, "step_type" text not null, "key" text not null, "outcome" text check ("outcome" in ('entered', 'executed', 'skipped', 'failed')) not null default 'entered', "result" jsonb null, "error" text null, "occurred_at" timestamptz not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_step_log_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_log_deleted_at" ON "marketing_flow_step_log" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_step_log_key_unique" ON "marketing_flow_step_log" ("key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_log_flow_id_step_id_outcome" ON "marketing_flow_step_log" ("flow_id", "step_id", "outcome") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_step_log_run_id" ON "marketing_flow_step_log" ("run_id") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_flow_version" ("id" text not null, "flow_id" text not null, "version" integer not null, "definition" jsonb not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_flow_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_flow_version_deleted_at" ON "marketing_flow_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_flow_version_flow_id_version_unique" ON "marketing_flow_version" ("flow_id", "version") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_message" add column if not exists "reason_step" text null, add column if not exists "variant" text null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_reason_type_reason_id" ON "marketing_message" ("reason_type", "reason_id") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_campaign" cascade;`);

    this.addSql(`drop table if exists "marketing_conversion" cascade;`);

    this.addSql(`drop table if exists "marketing_flow" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_run" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_step_log" cascade;`);

    this.addSql(`drop table if exists "marketing_flow_version" cascade;`);

    this.addSql(`drop index if exists "IDX_marketing_message_reason_type_reason_id";`);
    this.addSql(`alter table if exists "marketing_message" drop column if exists "reason_step", drop column if exists "variant";`);
  }

}
