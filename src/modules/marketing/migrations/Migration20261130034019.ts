import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261130034019 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_occurred_at_contact_id_resource_id" ON "marketing_contact_event" ("occurred_at", "contact_id", "resource_id") WHERE type = 'order_placed' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_contact_id_resource_id" ON "marketing_contact_event" ("contact_id", "resource_id") WHERE type = 'order_canceled' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_contact_event_occurred_at_contact_id_resource_id";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_contact_id_resource_id";`);
  }

}
