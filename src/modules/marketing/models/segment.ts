import { model } from "@medusajs/framework/utils"

/**
 * A live segment: its rules (the segment rule language, validated on save)
 * decide membership, which is kept current as events arrive and as time
 * boundaries pass. With `sync_customer_group`, members with an account are
 * kept in the Medusa customer group `customer_group_id` ("Segment: <name>"),
 * which the plugin creates; switching sync off leaves the group as it is,
 * so promotions aimed at it keep working, and deleting the segment deletes it.
 */
const Segment = model
  .define({ name: "Segment", tableName: "marketing_segment" }, {
    id: model.id({ prefix: "mkt_seg" }).primaryKey(),
    name: model.text().searchable(),
    description: model.text().nullable(),
    rules: model.json(),
    member_count: model.number().default(0),
    last_refreshed_at: model.dateTime().nullable(),
    /** Sync members to this Medusa customer group. */
    sync_customer_group: model.boolean().default(false),
    customer_group_id: model.text().nullable(),
  })
  // Pickers, flow triggers and campaign audiences tell segments apart by name.
  .indexes([{ on: ["name"], unique: true, where: "deleted_at IS NULL" }])

export default Segment
