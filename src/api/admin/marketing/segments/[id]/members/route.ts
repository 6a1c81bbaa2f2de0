import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { AdminGetSegmentMembersParamsType } from "../../validators"

const CSV_FIELDS = ["email", "first_name", "last_name", "orders_count", "total_spent", "last_order_at", "consent_status", "entered_at"] as const

/** Members read per query while exporting: memory stays flat however large the segment is. */
export const CSV_PAGE_SIZE = 5_000

const CONTACT_FIELDS = ["id", "email", "first_name", "last_name", "orders_count", "total_spent", "currency_code", "last_order_at", "consent_status"]

type Membership = { contact_id: string; entered_at: Date | string }

const csvCell = (value: unknown) => {
  const text = value instanceof Date ? value.toISOString() : String(value ?? "")
  // Quoted, and a leading formula character neutralised so a spreadsheet does not run it.
  const safe = /^[=+\-@]/.test(text) ? `'${text}` : text
  return `"${safe.replace(/"/g, '""')}"`
}

/** The members of some memberships, in the memberships' order; contacts deleted meanwhile are skipped. */
async function withContacts(marketing: MarketingModuleService, memberships: Membership[]) {
  if (!memberships.length) {
    return []
  }
  const contacts = new Map(
    (await marketing.listContacts({ id: memberships.map((m) => m.contact_id) }, { select: CONTACT_FIELDS })).map((c) => [c.id, c])
  )
  return memberships.flatMap((m) => {
    const contact = contacts.get(m.contact_id)
    return contact
      ? [{ id: contact.id, email: contact.email, first_name: contact.first_name, last_name: contact.last_name,
           orders_count: contact.orders_count, total_spent: Number(contact.total_spent), currency_code: contact.currency_code,
           last_order_at: contact.last_order_at, consent_status: contact.consent_status, entered_at: m.entered_at }]
      : []
  })
}

/**
 * Writes a chunk, waiting while the client reads slower than the database
 * answers; false once the client has gone, so the export stops reading.
 */
function chunkWriter(res: MedusaResponse) {
  let closed = false
  res.once("close", () => {
    closed = true
  })
  return async (chunk: string) => {
    if (closed) {
      return false
    }
    if (!res.write(chunk)) {
      await new Promise<void>((resolve) => {
        const done = () => {
          res.off("drain", done)
          res.off("close", done)
          resolve()
        }
        res.on("drain", done)
        res.on("close", done)
      })
    }
    return !closed
  }
}

const CSV_BOM = "\uFEFF"

/**
 * Streams every current member as CSV, one page at a time. Pages follow
 * contact_id from the last row read rather than an offset: the segment's
 * partial unique index on (segment_id, contact_id) for current members
 * serves each page as a range scan, so page 200 of a million-member
 * export costs what page 1 does, and nobody is read twice.
 */
async function streamCsv(req: AuthenticatedMedusaRequest, res: MedusaResponse, segmentId: string) {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const readPage = (afterContactId: string | null) =>
    marketing.listSegmentMemberships(
      { segment_id: segmentId, exited_at: null, ...(afterContactId ? { contact_id: { $gt: afterContactId } } : {}) },
      { select: ["contact_id", "entered_at"], order: { contact_id: "ASC" }, take: CSV_PAGE_SIZE }
    )

  // The first page is read before the headers go out, so a failure still gets a proper error response.
  let page = await readPage(null)
  res.status(200).set({
    "Content-Type": "text/csv; charset=utf-8",
    "Content-Disposition": `attachment; filename="segment-${segmentId}.csv"`,
  })
  const write = chunkWriter(res)
  try {
    // The byte order mark makes Excel read the file as UTF-8, so names like Müller survive.
    let open = await write(CSV_BOM + CSV_FIELDS.join(",") + "\n")
    while (open && page.length) {
      const members = await withContacts(marketing, page)
      if (members.length) {
        open = await write(members.map((m) => CSV_FIELDS.map((f) => csvCell(m[f])).join(",") + "\n").join(""))
      }
      page = page.length < CSV_PAGE_SIZE ? [] : await readPage(page[page.length - 1].contact_id)
    }
    res.end()
  } catch (error) {
    // Headers are gone: cutting the connection is the only way to tell the client the file is incomplete.
    req.scope.resolve(ContainerRegistrationKeys.LOGGER).error(`Segment ${segmentId} CSV export failed: ${error}`)
    res.destroy(error as Error)
  }
}

/** Current members, newest first; `format=csv` downloads every member. */
export const GET = async (
  req: AuthenticatedMedusaRequest<unknown, AdminGetSegmentMembersParamsType>,
  res: MedusaResponse
) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const segment = await marketing.retrieveSegment(req.params.id)
  const { limit, offset, format } = req.validatedQuery
  if (format === "csv") {
    await streamCsv(req, res, segment.id)
    return
  }
  const [memberships, count] = await marketing.listAndCountSegmentMemberships(
    { segment_id: segment.id, exited_at: null },
    { order: { entered_at: "DESC", id: "DESC" }, take: limit, skip: offset }
  )
  res.json({ members: await withContacts(marketing, memberships), count, limit, offset })
}
