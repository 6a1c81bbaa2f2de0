import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * The hourly score refresh reads only the contacts that need it: those whose
 * scores are due (`scores_due_at`, null until a contact is scored again, so
 * the first refresh after this reads everyone once) and the buyers a moved
 * RFM cut point reaches, found by order count, spend or last order.
 */
export class Migration20261130153639 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" add column if not exists "scores_due_at" timestamptz null;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_scores_due_at" ON "marketing_contact" ("scores_due_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_orders_count" ON "marketing_contact" ("orders_count") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_total_spent" ON "marketing_contact" ("total_spent") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_contact_scores_due_at";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_orders_count";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_total_spent";`);
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "scores_due_at";`);
  }

}
