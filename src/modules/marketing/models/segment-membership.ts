import { model } from "@medusajs/framework/utils"

/**
 * Who is in a segment, and since when. Leaving sets `exited_at`; coming
 * back starts a new row, so entry times and history stay true.
 */
const SegmentMembership = model
  .define({ name: "SegmentMembership", tableName: "marketing_segment_membership" }, {
    id: model.id({ prefix: "mkt_sgm" }).primaryKey(),
    segment_id: model.text(),
    contact_id: model.text(),
    entered_at: model.dateTime(),
    exited_at: model.dateTime().nullable(),
  })
  .indexes([
    { on: ["segment_id", "contact_id"], unique: true, where: "deleted_at IS NULL AND exited_at IS NULL" },
    { on: ["contact_id"], where: "deleted_at IS NULL AND exited_at IS NULL" },
  ])

export default SegmentMembership
