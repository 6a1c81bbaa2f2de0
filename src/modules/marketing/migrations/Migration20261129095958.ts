import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129095958 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_run" add column if not exists "inbox" jsonb not null default '[]';`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_flow_run" drop column if exists "inbox";`);
  }

}
