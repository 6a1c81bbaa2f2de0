import { Migration } from "@medusajs/framework/mikro-orm/migrations";

/**
 * Orders as segment rules count them, one narrow row per live `order_placed`
 * event: who, when, which products and categories, and whether a live
 * `order_canceled` event cancels it. Rules over orders read this instead of
 * the timeline, whose order rows sit among every other event with their
 * whole data; "ever bought product X" over a million contacts read most of
 * the timeline's pages.
 *
 * The database keeps it, like an index: statement triggers on the timeline
 * apply every insert, update, delete and truncate (workflow compensation,
 * erasure, a contact's cascade delete, a bulk load) in the same
 * transaction, so a rule sees an order the moment its event is stored, and
 * no write path can forget it. Ids are the string elements of the event's
 * arrays, which is what JSON containment matched before.
 * `marketing_contact_order_rebuild()` fills it from the timeline: here, and
 * after a load that bypassed the triggers. The timeline's GIN indexes on
 * those ids served only the rules and go.
 */
export class Migration20261201013000 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`create table if not exists "marketing_contact_order" ("placed_at" timestamptz not null, "canceled" boolean not null, "event_id" text not null, "contact_id" text not null, "order_id" text null, "product_ids" text[] not null, "category_ids" text[] not null, constraint "marketing_contact_order_pkey" primary key ("event_id"));`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_order_item_ids"(items jsonb) RETURNS text[] LANGUAGE sql IMMUTABLE PARALLEL SAFE AS $$
      SELECT CASE WHEN jsonb_typeof(items) = 'array'
        THEN ARRAY(SELECT item #>> '{}' FROM jsonb_array_elements(items) AS item WHERE jsonb_typeof(item) = 'string')
        ELSE '{}'::text[] END
    $$;`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_order_canceled"(contact text, order_ref text) RETURNS boolean LANGUAGE sql STABLE PARALLEL SAFE AS $$
      SELECT order_ref IS NOT NULL AND EXISTS (
        SELECT 1 FROM marketing_contact_event x
        WHERE x.type = 'order_canceled' AND x.deleted_at IS NULL AND x.contact_id = contact AND x.resource_id = order_ref)
    $$;`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_contact_order_sync"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      IF TG_OP IN ('UPDATE', 'DELETE') THEN
        DELETE FROM marketing_contact_order o USING old_events e WHERE o.event_id = e.id AND e.type = 'order_placed';
        UPDATE marketing_contact_order o SET canceled = marketing_order_canceled(o.contact_id, o.order_id)
        FROM (SELECT DISTINCT contact_id, resource_id FROM old_events WHERE type = 'order_canceled') k
        WHERE o.contact_id = k.contact_id AND o.order_id = k.resource_id;
      END IF;
      IF TG_OP IN ('INSERT', 'UPDATE') THEN
        INSERT INTO marketing_contact_order (placed_at, canceled, event_id, contact_id, order_id, product_ids, category_ids)
        SELECT e.occurred_at, marketing_order_canceled(e.contact_id, e.resource_id), e.id, e.contact_id, e.resource_id,
               marketing_order_item_ids(e.data->'product_ids'), marketing_order_item_ids(e.data->'category_ids')
        FROM new_events e WHERE e.type = 'order_placed' AND e.deleted_at IS NULL;
        UPDATE marketing_contact_order o SET canceled = marketing_order_canceled(o.contact_id, o.order_id)
        FROM (SELECT DISTINCT contact_id, resource_id FROM new_events WHERE type = 'order_canceled') k
        WHERE o.contact_id = k.contact_id AND o.order_id = k.resource_id;
      END IF;
      RETURN NULL;
    END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_inserted" ON "marketing_contact_event";`);
    this.addSql(`CREATE TRIGGER "marketing_contact_order_inserted" AFTER INSERT ON "marketing_contact_event" REFERENCING NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION "marketing_contact_order_sync"();`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_updated" ON "marketing_contact_event";`);
    this.addSql(`CREATE TRIGGER "marketing_contact_order_updated" AFTER UPDATE ON "marketing_contact_event" REFERENCING OLD TABLE AS old_events NEW TABLE AS new_events FOR EACH STATEMENT EXECUTE FUNCTION "marketing_contact_order_sync"();`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_deleted" ON "marketing_contact_event";`);
    this.addSql(`CREATE TRIGGER "marketing_contact_order_deleted" AFTER DELETE ON "marketing_contact_event" REFERENCING OLD TABLE AS old_events FOR EACH STATEMENT EXECUTE FUNCTION "marketing_contact_order_sync"();`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_contact_order_clear"() RETURNS trigger LANGUAGE plpgsql AS $$
    BEGIN
      TRUNCATE marketing_contact_order;
      RETURN NULL;
    END $$;`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_truncated" ON "marketing_contact_event";`);
    this.addSql(`CREATE TRIGGER "marketing_contact_order_truncated" AFTER TRUNCATE ON "marketing_contact_event" FOR EACH STATEMENT EXECUTE FUNCTION "marketing_contact_order_clear"();`);
    this.addSql(`CREATE OR REPLACE FUNCTION "marketing_contact_order_rebuild"() RETURNS void LANGUAGE sql AS $$
      TRUNCATE marketing_contact_order;
      INSERT INTO marketing_contact_order (placed_at, canceled, event_id, contact_id, order_id, product_ids, category_ids)
      SELECT e.occurred_at, x.contact_id IS NOT NULL, e.id, e.contact_id, e.resource_id,
             marketing_order_item_ids(e.data->'product_ids'), marketing_order_item_ids(e.data->'category_ids')
      FROM marketing_contact_event e
      LEFT JOIN (
        SELECT DISTINCT contact_id, resource_id FROM marketing_contact_event
        WHERE type = 'order_canceled' AND deleted_at IS NULL
      ) x ON x.contact_id = e.contact_id AND x.resource_id = e.resource_id
      WHERE e.type = 'order_placed' AND e.deleted_at IS NULL;
    $$;`);
    this.addSql(`SELECT "marketing_contact_order_rebuild"();`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_order_contact_id_order_id" ON "marketing_contact_order" ("contact_id", "order_id");`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_order_contact_id_placed_at" ON "marketing_contact_order" ("contact_id", "placed_at") WHERE NOT canceled;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_order_placed_at_contact_id" ON "marketing_contact_order" ("placed_at", "contact_id") WHERE NOT canceled;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_order_product_ids" ON "marketing_contact_order" USING gin ("product_ids") WHERE NOT canceled;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_contact_order_category_ids" ON "marketing_contact_order" USING gin ("category_ids") WHERE NOT canceled;`);
    this.addSql(`ANALYZE "marketing_contact_order";`);
    this.addSql(`drop statistics if exists "STAT_marketing_contact_event_category_ids";`);
    this.addSql(`drop statistics if exists "STAT_marketing_contact_event_product_ids";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_category_ids";`);
    this.addSql(`drop index if exists "IDX_marketing_contact_event_order_product_ids";`);
  }

  override async down(): Promise<void> {
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_inserted" ON "marketing_contact_event";`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_updated" ON "marketing_contact_event";`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_deleted" ON "marketing_contact_event";`);
    this.addSql(`DROP TRIGGER IF EXISTS "marketing_contact_order_truncated" ON "marketing_contact_event";`);
    this.addSql(`DROP FUNCTION IF EXISTS "marketing_contact_order_clear"();`);
    this.addSql(`DROP FUNCTION IF EXISTS "marketing_contact_order_sync"();`);
    this.addSql(`DROP FUNCTION IF EXISTS "marketing_contact_order_rebuild"();`);
    this.addSql(`DROP FUNCTION IF EXISTS "marketing_order_canceled"(text, text);`);
    this.addSql(`DROP FUNCTION IF EXISTS "marketing_order_item_ids"(jsonb);`);
    this.addSql(`drop table if exists "marketing_contact_order" cascade;`);
  }

}
