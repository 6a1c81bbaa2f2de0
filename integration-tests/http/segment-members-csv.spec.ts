import { medusaIntegrationTestRunner } from "@medusajs/test-utils"
import { MARKETING_MODULE } from "../../src/modules/marketing"
import MarketingModuleService from "../../src/modules/marketing/service"
import { CSV_PAGE_SIZE } from "../../src/api/admin/marketing/segments/[id]/members/route"
import { adminHeaders } from "../helpers/auth"

jest.setTimeout(240_000)

const HEADER = "email,first_name,last_name,orders_count,total_spent,last_order_at,consent_status,entered_at"
// A page and a bit, one of whom leaves: the export must cross a page boundary without losing or repeating anyone.
const MEMBERS = CSV_PAGE_SIZE + 2

const emailOf = (n: number) => `member-${String(n).padStart(6, "0")}@csv.example`

/** Splits the export into rows of cells; every cell is quoted and none holds a newline. */
const parseCsv = (text: string) => {
  const lines = text.split("\n")
  expect(lines.pop()).toEqual("")
  const [header, ...rows] = lines
  return {
    header,
    rows: rows.map((line) =>
      line
        .slice(1, -1)
        .split('","')
        .map((cell) => cell.replace(/""/g, '"'))
    ),
  }
}

medusaIntegrationTestRunner({
  testSuite: ({ api, getContainer }) => {
    it("exports every current member of a segment larger than a page, once each, as a streamed CSV", async () => {
      const container = getContainer()
      const admin = await adminHeaders(api, container)
      const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)

      const inputs: { email: string; first_name?: string; last_name?: string }[] = Array.from(
        { length: MEMBERS },
        (_, i) => ({ email: emailOf(i) })
      )
      inputs[7] = { email: emailOf(7), first_name: '=HYPERLINK("http://evil.example")', last_name: 'O"Brien' }
      for (let i = 0; i < inputs.length; i += 2_000) {
        await marketing.upsertContacts(inputs.slice(i, i + 2_000))
      }
      await marketing.upsertContacts([{ email: "outsider@elsewhere.example" }])

      const { data } = await api.post(
        "/admin/marketing/segments",
        { name: "CSV audience", rules: { type: "field", field: "email", operator: "contains", value: "@csv.example" } },
        admin
      )
      const segment = data.segment
      expect(segment.member_count).toEqual(MEMBERS)

      // Someone who left is no longer exported.
      const leaver = (await marketing.findContactByEmail(emailOf(MEMBERS - 1)))!
      const [membership] = await marketing.listSegmentMemberships({ segment_id: segment.id, contact_id: leaver.id })
      await marketing.updateSegmentMemberships({ id: membership.id, exited_at: new Date() })

      const csv = await api.get(`/admin/marketing/segments/${segment.id}/members?format=csv`, {
        ...admin,
        responseType: "arraybuffer",
      })
      expect(csv.status).toEqual(200)
      expect(csv.headers["content-type"]).toContain("text/csv")
      expect(csv.headers["content-disposition"]).toEqual(`attachment; filename="segment-${segment.id}.csv"`)
      // Sent in chunks as it is read, not assembled in memory with a length up front.
      expect(csv.headers["transfer-encoding"]).toEqual("chunked")
      expect(csv.headers["content-length"]).toBeUndefined()

      // Excel reads the file as UTF-8 only when it opens with the byte order mark.
      const bytes = Buffer.from(csv.data)
      expect([...bytes.subarray(0, 3)]).toEqual([0xef, 0xbb, 0xbf])
      const { header, rows } = parseCsv(bytes.subarray(3).toString("utf8"))
      expect(header).toEqual(HEADER)
      const emails = rows.map((row) => row[0])
      expect(emails.length).toEqual(MEMBERS - 1)
      expect(new Set(emails).size).toEqual(MEMBERS - 1)
      expect(emails).not.toContain(emailOf(MEMBERS - 1))
      expect(emails).not.toContain("outsider@elsewhere.example")
      expect([...emails].sort()).toEqual(
        Array.from({ length: MEMBERS - 1 }, (_, i) => emailOf(i)).sort()
      )

      const tricky = rows.find((row) => row[0] === emailOf(7))!
      // The formula is neutralised and the quote survives the round trip.
      expect(tricky.slice(0, 3)).toEqual([emailOf(7), `'=HYPERLINK("http://evil.example")`, 'O"Brien'])
      expect(tricky[6]).toEqual("never")
      expect(new Date(tricky[7]).getTime()).not.toBeNaN()

      // The paginated list agrees.
      const page = await api.get(`/admin/marketing/segments/${segment.id}/members?limit=2`, admin)
      expect(page.data.count).toEqual(MEMBERS - 1)
      expect(page.data.members).toHaveLength(2)
    })
  },
})
