import { knex as createKnex } from "@medusajs/framework/mikro-orm/knex"
import type { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import { moduleIntegrationTestRunner } from "@medusajs/test-utils"
import { join } from "path"
import { MARKETING_MODULE } from ".."
import { scanRows, withoutJit } from "../repositories/population-sql"
import MarketingModuleService from "../service"

jest.setTimeout(60_000)

const JIT_NOW = "SELECT current_setting('jit') AS jit"

moduleIntegrationTestRunner<MarketingModuleService>({
  moduleName: MARKETING_MODULE,
  resolve: join(__dirname, ".."),
  pathToMigrations: join(__dirname, "..", "migrations"),
  moduleOptions: { storefrontUrl: "https://shop.example.com" },
  testSuite: ({ MikroOrmWrapper, dbConfig, service }) => {
    describe("previewSegment", () => {
      const day = (n: number) => new Date(Date.UTC(2026, 4, n, 10))
      const seen = async (email: string, lastSeen: Date | null) => {
        const [{ contact }] = await service.upsertContacts([{ email }])
        await MikroOrmWrapper.forkManager().getKnex().raw("UPDATE marketing_contact SET last_seen_at = ? WHERE id = ?", [lastSeen, contact.id])
        return contact.id as string
      }
      const inShop = { sql: "c.email LIKE ?", bindings: ["%@shop.test"] }

      it("counts every match and samples the most recently seen first, never-seen last", async () => {
        for (let n = 1; n <= 12; n++) {
          await seen(`c${String(n).padStart(2, "0")}@shop.test`, day(n))
        }
        await seen("never@shop.test", null)
        await seen("other@elsewhere.test", day(20))
        const erased = await seen("gone@shop.test", day(25))
        await service.eraseContacts([erased])

        const preview = await service.previewSegment(inShop, 10)
        expect(preview.count).toEqual(13)
        expect(preview.sample.map((c) => c.email)).toEqual(
          ["c12", "c11", "c10", "c09", "c08", "c07", "c06", "c05", "c04", "c03"].map((local) => `${local}@shop.test`)
        )
        expect(preview.sample[0]).toMatchObject({ first_name: null, consent_status: expect.any(String) })

        const all = await service.previewSegment(inShop, 20)
        expect(all.sample.map((c) => c.email).slice(-2)).toEqual(["c01@shop.test", "never@shop.test"])
      })

      it("says none when nothing matches, and can count without a sample", async () => {
        await seen("a@shop.test", day(1))
        expect(await service.previewSegment({ sql: "c.email LIKE ?", bindings: ["%@nowhere.test"] }, 10)).toEqual({ count: 0, sample: [] })
        expect(await service.previewSegment(inShop, 0)).toEqual({ count: 1, sample: [] })
      })
    })

    describe("rebuildSegmentsMembership", () => {
      const NOW = new Date("2026-05-20T10:00:00Z")
      const contact = async (email: string, lastSeen: Date | null = null) => {
        const [{ contact }] = await service.upsertContacts([{ email }])
        await MikroOrmWrapper.forkManager().getKnex().raw("UPDATE marketing_contact SET last_seen_at = ? WHERE id = ?", [lastSeen, contact.id])
        return contact.id as string
      }
      const open = async (segmentId: string) =>
        (await service.listSegmentMemberships({ segment_id: segmentId, exited_at: null }))
          .map((m) => m.contact_id)
          .sort()

      it("rebuilds several segments in one pass: who entered and left each, their counts, and stays put when run again", async () => {
        const both = await contact("both@shop.test", new Date("2026-05-19T10:00:00Z"))
        const shopOnly = await contact("shop@shop.test")
        const recentOnly = await contact("recent@elsewhere.test", new Date("2026-05-18T10:00:00Z"))
        const neither = await contact("old@elsewhere.test", new Date("2026-01-01T10:00:00Z"))
        const erased = await contact("erased@shop.test", new Date("2026-05-19T10:00:00Z"))
        await service.eraseContacts([erased])
        const inShop = await service.createSegments({ name: "In shop", rules: {} })
        const recent = await service.createSegments({ name: "Seen this week", rules: {} })
        // Stale state: one member the rule no longer matches, one that stays, and a wrong count.
        const kept = await service.createSegmentMemberships({
          segment_id: inShop.id,
          contact_id: both,
          entered_at: new Date("2026-05-01T00:00:00Z"),
        })
        await service.createSegmentMemberships({ segment_id: inShop.id, contact_id: neither, entered_at: new Date("2026-05-01T00:00:00Z") })
        await service.updateSegments({ id: inShop.id, member_count: 7 })

        const matches = [
          // Matched in the one scan that rules over the contact's row share.
          { segment_id: inShop.id, sql: "c.email LIKE ?", bindings: ["%@shop.test"], rowOnly: true },
          // Matched in a scan of its own, as a rule with subqueries is; contacts
          // never seen compare as NULL: not members, as in a WHERE.
          { segment_id: recent.id, sql: "c.last_seen_at >= ?", bindings: [new Date("2026-05-13T10:00:00Z")], rowOnly: false },
        ]
        const changes = await service.rebuildSegmentsMembership(matches, { now: NOW })
        const sorted = (ids: string[]) => [...ids].sort()
        expect(
          changes
            .map((change) => ({ ...change, entered: sorted(change.entered), exited: sorted(change.exited) }))
            .sort((a, b) => (a.segment_id === inShop.id ? -1 : b.segment_id === inShop.id ? 1 : 0))
        ).toEqual([
          { segment_id: inShop.id, entered: [shopOnly], exited: [neither] },
          { segment_id: recent.id, entered: sorted([both, recentOnly]), exited: [] },
        ])
        expect(await open(inShop.id)).toEqual(sorted([both, shopOnly]))
        expect(await open(recent.id)).toEqual(sorted([both, recentOnly]))
        // A member who stays keeps the time they entered.
        expect((await service.retrieveSegmentMembership(kept.id)).exited_at).toBeNull()
        const [left] = await service.listSegmentMemberships({ segment_id: inShop.id, contact_id: neither })
        expect(left.exited_at).toEqual(NOW)
        for (const [segment, count] of [[inShop, 2], [recent, 2]] as const) {
          const stored = await service.retrieveSegment(segment.id)
          expect([stored.member_count, stored.last_refreshed_at]).toEqual([count, NOW])
        }

        const again = await service.rebuildSegmentsMembership(matches, { now: new Date(NOW.getTime() + 60_000) })
        expect(again.map((change) => [change.entered, change.exited])).toEqual([
          [[], []],
          [[], []],
        ])
        expect(await open(inShop.id)).toEqual(sorted([both, shopOnly]))
      })

      it("rebuilds one level after another inside a caller's transaction", async () => {
        const buyer = await contact("buyer@shop.test")
        const first = await service.createSegments({ name: "First", rules: {} })
        const second = await service.createSegments({ name: "Second", rules: {} })
        const inFirst = { segment_id: first.id, sql: "c.email LIKE ?", bindings: ["%@shop.test"], rowOnly: true }
        // Reads the first segment's membership, as its rebuild left it in this transaction.
        const inSecond = {
          segment_id: second.id,
          sql: "EXISTS (SELECT 1 FROM marketing_segment_membership sm WHERE sm.contact_id = c.id AND sm.segment_id = ? AND sm.exited_at IS NULL AND sm.deleted_at IS NULL)",
          bindings: [first.id],
          rowOnly: false,
        }
        await MikroOrmWrapper.forkManager().transactional(async (transactionManager) => {
          await service.rebuildSegmentsMembership([inFirst], { now: NOW }, { transactionManager })
          await service.rebuildSegmentsMembership([inSecond], { now: NOW }, { transactionManager })
        })
        expect([await open(first.id), await open(second.id)]).toEqual([[buyer], [buyer]])
      })
    })

    describe("reads over the whole population", () => {
      it("run with the JIT compiler off and hand the connection back as it was", async () => {
        // One connection, so what the helper leaves behind is what the next statement finds.
        const single = createKnex({ client: "pg", connection: dbConfig.clientUrl, pool: { min: 1, max: 1 } })
        try {
          const manager = { getTransactionContext: () => undefined, getKnex: () => single } as unknown as SqlEntityManager
          await single.raw("SET jit = on")

          const [inside] = await scanRows<{ jit: string }>(manager, `${JIT_NOW} WHERE ?::int = 1`, [1])
          expect(inside.jit).toEqual("off")

          const { rows: after } = await single.raw(JIT_NOW)
          expect(after[0].jit).toEqual("on")
        } finally {
          await single.destroy()
        }
      })

      it("join the caller's transaction, and keep the setting to it", async () => {
        const manager = MikroOrmWrapper.forkManager()
        const seen = await manager.transactional(async (em) => {
          const trx = em.getTransactionContext()
          const [inside] = await scanRows<{ jit: string }>(em, JIT_NOW)
          const { rows: later } = await em.getKnex().raw(JIT_NOW).transacting(trx)
          const { rows: backend } = await em.getKnex().raw("SELECT pg_backend_pid() AS pid").transacting(trx)
          const outside = await withoutJit(manager, async (own) => (await own.raw("SELECT pg_backend_pid() AS pid")).rows)
          return { inside: inside.jit, later: later[0].jit, sameBackend: backend[0].pid === outside[0].pid }
        })
        expect(seen).toEqual({ inside: "off", later: "off", sameBackend: false })
      })
    })
  },
})
