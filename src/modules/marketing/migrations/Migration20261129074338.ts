import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129074338 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_segment_membership" drop constraint if exists "marketing_segment_membership_segment_id_contact_id_unique";`);
    this.addSql(`create table if not exists "marketing_lead_score_rule" ("id" text not null, "name" text not null, "points" integer not null, "event_type" text not null, "property" jsonb null, "expires_after_days" integer null, "max_times" integer null, "enabled" boolean not null default true, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_lead_score_rule_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_lead_score_rule_deleted_at" ON "marketing_lead_score_rule" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_segment" ("id" text not null, "name" text not null, "description" text null, "rules" jsonb not null, "member_count" integer not null default 0, "last_refreshed_at" timestamptz null, "sync_customer_group" boolean not null default false, "customer_group_id" text null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_segment_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_deleted_at" ON "marketing_segment" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_segment_membership" ("id" text not null, "segment_id" text not null, "contact_id" text not null, "entered_at" timestamptz not null, "exited_at" timestamptz null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_segment_membership_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_deleted_at" ON "marketing_segment_membership" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_segment_id_contact_id_unique" ON "marketing_segment_membership" ("segment_id", "contact_id") WHERE deleted_at IS NULL AND exited_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_segment_membership_contact_id" ON "marketing_segment_membership" ("contact_id") WHERE deleted_at IS NULL AND exited_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_contact" add column if not exists "birth_date" text null, add column if not exists "rfm_recency" integer null, add column if not exists "rfm_frequency" integer null, add column if not exists "rfm_monetary" integer null, add column if not exists "rfm_segment" text null, add column if not exists "engagement_score" real not null default 0, add column if not exists "lead_score" integer not null default 0, add column if not exists "churn_risk" real null, add column if not exists "probability_alive" real null, add column if not exists "predicted_orders_365" real null, add column if not exists "predicted_value_365" real null, add column if not exists "next_order_expected_at" timestamptz null, add column if not exists "score_explanation" jsonb null, add column if not exists "scores_updated_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_rfm_segment" ON "marketing_contact" ("rfm_segment") WHERE deleted_at IS NULL AND rfm_segment IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_lead_score_rule" cascade;`);

    this.addSql(`drop table if exists "marketing_segment" cascade;`);

    this.addSql(`drop table if exists "marketing_segment_membership" cascade;`);

    this.addSql(`drop index if exists "IDX_marketing_contact_rfm_segment";`);
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "birth_date", drop column if exists "rfm_recency", drop column if exists "rfm_frequency", drop column if exists "rfm_monetary", drop column if exists "rfm_segment", drop column if exists "engagement_score", drop column if exists "lead_score", drop column if exists "churn_risk", drop column if exists "probability_alive", drop column if exists "predicted_orders_365", drop column if exists "predicted_value_365", drop column if exists "next_order_expected_at", drop column if exists "score_explanation", drop column if exists "scores_updated_at";`);
  }

}
