import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Segment names are unique among live segments: pickers, flow triggers and
 * campaign audiences tell segments apart by name. The admin refused a taken
 * name before; two saves at once could still both pass that check. Segments
 * that already share a name keep the oldest one as it is; the others get
 * " (2)", " (3)" and so on, so the index can be built.
 */
export class Migration20261202073859 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`DO $$
    DECLARE
      dup record;
      n integer;
    BEGIN
      FOR dup IN
        SELECT id, name FROM (
          SELECT id, name, row_number() OVER (PARTITION BY name ORDER BY created_at, id) AS rank
          FROM marketing_segment WHERE deleted_at IS NULL
        ) ranked WHERE rank > 1
      LOOP
        n := 2;
        WHILE EXISTS (SELECT 1 FROM marketing_segment WHERE deleted_at IS NULL AND name = dup.name || ' (' || n || ')') LOOP
          n := n + 1;
        END LOOP;
        UPDATE marketing_segment SET name = dup.name || ' (' || n || ')', updated_at = now() WHERE id = dup.id;
      END LOOP;
    END $$;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_segment_name_unique" ON "marketing_segment" ("name") WHERE deleted_at IS NULL;`);
  }

  override async down(): Promise<void> {
    this.addSql(`drop index if exists "IDX_marketing_segment_name_unique";`);
  }

}
