import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129231116 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" drop column if exists "score_explanation";`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_contact" add column if not exists "score_explanation" jsonb null;`);
  }

}
