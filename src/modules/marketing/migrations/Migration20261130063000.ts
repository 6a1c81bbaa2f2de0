import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * "Bought a product / from a category" rules test the ids an order event
 * carries in its data. GIN indexes on those two arrays, over order events
 * only, let a count over everyone find the matching orders instead of
 * reading every order's data. Expression indexes: the model cannot declare
 * them, so they live here alone.
 */
export class Migration20261130063000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_order_category_ids" ON "marketing_contact_event" USING gin ((data->'category_ids') jsonb_path_ops) WHERE type = 'order_placed' AND deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_order_product_ids" ON "marketing_contact_event" USING gin ((data->'product_ids') jsonb_path_ops) WHERE type = 'order_placed' AND deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_category_ids";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_product_ids";`);
  }

}
