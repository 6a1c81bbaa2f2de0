import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129054417 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_message" drop constraint if exists "marketing_message_idempotency_key_unique";`);
    this.addSql(`create table if not exists "marketing_message" ("id" text not null, "contact_id" text not null, "template_version_id" text not null, "to_email" text not null, "subject" text null, "reason_type" text not null, "reason_id" text null, "transactional" boolean not null default false, "status" text check ("status" in ('queued', 'sending', 'sent', 'failed', 'suppressed', 'skipped')) not null default 'queued', "attempts" integer not null default 0, "failures" integer not null default 0, "last_error" text null, "send_after" timestamptz not null, "lease_until" timestamptz null, "claim_token" text null, "notification_id" text null, "provider_message_id" text null, "sent_at" timestamptz null, "idempotency_key" text not null, "data" jsonb null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_message_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_deleted_at" ON "marketing_message" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_message_idempotency_key_unique" ON "marketing_message" ("idempotency_key") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_send_after" ON "marketing_message" ("send_after") WHERE deleted_at IS NULL AND status = 'queued';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_lease_until" ON "marketing_message" ("lease_until") WHERE deleted_at IS NULL AND status = 'sending';`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_contact_id_sent_at" ON "marketing_message" ("contact_id", "sent_at") WHERE deleted_at IS NULL AND sent_at IS NOT NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop table if exists "marketing_message" cascade;`);
  }

}
