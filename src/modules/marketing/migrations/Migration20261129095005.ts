import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129095005 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_type_occurred_at" ON "marketing_contact_event" ("type", "occurred_at") WHERE deleted_at IS NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_sent_at" ON "marketing_message" ("sent_at") WHERE deleted_at IS NULL AND sent_at IS NOT NULL;`);

    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_message_event_type_occurred_at" ON "marketing_message_event" ("type", "occurred_at") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_contact_event_type_occurred_at";`);

    this.addSql(`drop index if exists "IDX_marketing_message_sent_at";`);

    this.addSql(`drop index if exists "IDX_marketing_message_event_type_occurred_at";`);
  }

}
