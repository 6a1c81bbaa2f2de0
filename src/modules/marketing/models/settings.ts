import { model } from "@medusajs/framework/utils"

/**
 * The merchant's sending settings, edited in the admin. One row per key
 * (the plugin uses "default"); `values` is validated by the settings schema
 * on every write and filled with defaults on every read, so a setting added
 * in a later version needs no data migration.
 */
const Settings = model
  .define({ name: "Settings", tableName: "marketing_settings" }, {
    id: model.id({ prefix: "mkt_set" }).primaryKey(),
    key: model.text(),
    values: model.json(),
  })
  .indexes([{ on: ["key"], unique: true, where: "deleted_at IS NULL" }])

export default Settings
