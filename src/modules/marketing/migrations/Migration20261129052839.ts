import { Migration } from "@medusajs/framework/mikro-orm/migrations";

export class Migration20261129052839 extends Migration {

  override async up(): Promise<void> {
    this.addSql(`alter table if exists "marketing_template_version" drop constraint if exists "marketing_template_version_template_id_version_unique";`);
    this.addSql(`create table if not exists "marketing_template" ("id" text not null, "name" text not null, "description" text null, "transactional" boolean not null default false, "latest_version" integer not null default 0, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_template_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_template_deleted_at" ON "marketing_template" ("deleted_at") WHERE deleted_at IS NULL;`);

    this.addSql(`create table if not exists "marketing_template_version" ("id" text not null, "version" integer not null, "subject" text not null, "preheader" text null, "mjml" text not null, "text" text null, "from_name" text null, "from_email" text null, "reply_to" text null, "compiled_html" text not null, "template_id" text not null, "created_at" timestamptz not null default now(), "updated_at" timestamptz not null default now(), "deleted_at" timestamptz null, constraint "marketing_template_version_pkey" primary key ("id"));`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_template_version_template_id" ON "marketing_template_version" ("template_id") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE INDEX IF NOT EXISTS "IDX_marketing_template_version_deleted_at" ON "marketing_template_version" ("deleted_at") WHERE deleted_at IS NULL;`);
    this.addSql(`CREATE UNIQUE INDEX IF NOT EXISTS "IDX_marketing_template_version_template_id_version_unique" ON "marketing_template_version" ("template_id", "version") WHERE deleted_at IS NULL;`);

    this.addSql(`alter table if exists "marketing_template_version" add constraint "marketing_template_version_template_id_foreign" foreign key ("template_id") references "marketing_template" ("id") on update cascade on delete cascade;`);
  }

  override async down(): Promise<void> {
    this.addSql(`alter table if exists "marketing_template_version" drop constraint if exists "marketing_template_version_template_id_foreign";`);

    this.addSql(`drop table if exists "marketing_template" cascade;`);

    this.addSql(`drop table if exists "marketing_template_version" cascade;`);
  }

}
