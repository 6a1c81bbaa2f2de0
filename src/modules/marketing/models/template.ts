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
    latest_version: model.number().default(0),
    versions: model.hasMany(() => TemplateVersion, { mappedBy: "template" }),
  })
  .cascades({ delete: ["versions"] })

export default Template
