import { Migration } from "@medusajs/framework/mikro-orm/migrations"

/**
 * `order_times`: when each of the contact's orders not canceled was placed,
 * oldest first, kept by the facts refresh with the other order facts. A
 * segment condition "ordered N times in the last D days" reads it instead of
 * grouping every order in the window. Filled here from the live orders
 * `marketing_contact_order` already holds.
 */
export class Migration20261203070000 extends Migration {
  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" add column if not exists "order_times" timestamptz[] not null default '{}';`)
    this.addSql(`UPDATE marketing_contact c SET order_times = o.times
      FROM (
        SELECT contact_id, array_agg(placed_at ORDER BY placed_at) AS times
        FROM marketing_contact_order WHERE NOT canceled GROUP BY contact_id
      ) o
      WHERE o.contact_id = c.id;`)
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "order_times";`)
  }
}
