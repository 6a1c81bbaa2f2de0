import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * "Bought a product / from a category" rules test the ids an order event
 * carries in its data. GIN indexes on those two arrays let a count over
 * everyone find the matching orders instead of reading every order's data.
 * Expression indexes: the model cannot declare them, so they live here alone.
 * Not partial: a partial index on order events is one the planner also
 * takes to list every order, which the time-window index does far better.
 *
 * Rules with a time window do not use them (see compile-sql.ts). Statistics
 * on the two expressions give the planner each id's share of the timeline
 * rather than a fixed 1% when it weighs them. Expression statistics need
 * Postgres 14.
 */
export class Migration20261130063000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_order_category_ids" ON "marketing_contact_event" USING gin ((data->'category_ids') jsonb_path_ops);`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_event_order_product_ids" ON "marketing_contact_event" USING gin ((data->'product_ids') jsonb_path_ops);`);
    this.addSql(`DO $$ BEGIN
      IF current_setting('server_version_num')::int >= 140000 THEN
        CREATE STATISTICS IF NOT EXISTS "STAT_marketing_contact_event_category_ids" ON ((data->'category_ids')) FROM "marketing_contact_event";
        CREATE STATISTICS IF NOT EXISTS "STAT_marketing_contact_event_product_ids" ON ((data->'product_ids')) FROM "marketing_contact_event";
      END IF;
    END $$;`);
    this.addSql(`ANALYZE "marketing_contact_event";`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop statistics if exists "STAT_marketing_contact_event_category_ids";`);
    this.addSql(`drop statistics if exists "STAT_marketing_contact_event_product_ids";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_category_ids";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_product_ids";`);
  }

}
