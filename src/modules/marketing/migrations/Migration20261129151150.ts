import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129151150 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_product_ids" ON "marketing_contact" USING GIN ("product_ids") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_contact_product_ids";`);
  }

}
