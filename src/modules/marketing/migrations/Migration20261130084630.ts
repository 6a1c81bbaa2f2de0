import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * What the hourly score refresh carries forward instead of counting every
 * contact's events again: the engagement points as counted and when, and the
 * instant a counted event next expires. Contacts scored before these columns
 * have no count time, so the next refresh counts their events once.
 */
export class Migration20261130084630 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" add column if not exists "engagement_points" real not null default 0, add column if not exists "engagement_counted_at" timestamptz null, add column if not exists "scores_recheck_at" timestamptz null;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "engagement_points", drop column if exists "engagement_counted_at", drop column if exists "scores_recheck_at";`);
  }

}
