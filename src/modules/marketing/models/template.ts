import { model } from "@medusajs/framework/utils"
import TemplateVersion from "./template-version"

/**
 * An email template. Its content lives in immutable versions: editing
 * creates a new version, and every message records the version it used.
 */
const Template = model
  .define({ name: "Template", tableName: "marketing_template" }, {
    id: model.id({ prefix: "mkt_tpl" }).primaryKey(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    /** Order confirmations and the like: no consent or frequency cap applies. */
    transactional: model.boolean().default(false),
    /** Preference topic of its messages, e.g. "newsletter"; none means any marketing email. */
    topic: model.text().nullable(),
    /** Set on the templates the plugin installs, so installing twice adds nothing. */
    starter_key: model.text().nullable(),
    latest_version: model.number().default(0),
    versions: model.hasMany(() => TemplateVersion, { mappedBy: "template" }),
  })
  .cascades({ delete: ["versions"] })
  .indexes([{ on: ["starter_key"], unique: true, where: "deleted_at IS NULL AND starter_key IS NOT NULL" }])

export default Template
