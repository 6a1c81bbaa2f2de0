import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { AdminGetSegmentMembersParamsType } from "../../validators"

const CSV_FIELDS = ["email", "first_name", "last_name", "orders_count", "total_spent", "last_order_at", "consent_status", "entered_at"] as const

const csvCell = (value: unknown) => {
  const text = value instanceof Date ? value.toISOString() : String(value ?? "")
  // Quoted, and a leading formula character neutralised so a spreadsheet does not run it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** Current members, newest first; `format=csv` downloads every member. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentMembersParamsType>,
  res: MedusaResponse
) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const segment = await marketing.retrieveSegment(req.params.id)
  const { limit, offset, format } = req.validatedQuery
  const csv = format === "csv"
  const [memberships, count] = await marketing.listAndCountSegmentMemberships(
    { segment_id: segment.id, exited_at: null },
    { order: { entered_at: "DESC", id: "DESC" }, ...(csv ? {} : { take: limit, skip: offset }) }
  )
  const contacts = new Map(
    (await marketing.listContacts({ id: memberships.map((m) => m.contact_id) })).map((c) => [c.id, c])
  )
  const members = memberships.flatMap((m) => {
    const contact = contacts.get(m.contact_id)
    return contact
      ? [{ id: contact.id, email: contact.email, first_name: contact.first_name, last_name: contact.last_name,
           orders_count: contact.orders_count, total_spent: Number(contact.total_spent), last_order_at: contact.last_order_at,
           consent_status: contact.consent_status, entered_at: m.entered_at }]
      : []
  })
  if (csv) {
    const lines = [CSV_FIELDS.join(","), ...members.map((m) => CSV_FIELDS.map((f) => csvCell(m[f])).join(","))]
    res
      .status(200)
      .set({
        "Content-Type": "text/csv; charset=utf-8",
        "Content-Disposition": `attachment; filename="segment-${segment.id}.csv"`,
      })
      .send(lines.join("\n") + "\n")
    return
  }
  res.json({ members, count, limit, offset })
}
