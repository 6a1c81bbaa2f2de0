import fc from "fast-check"
import { ORDER_CANCELED, ORDER_PLACED } from ".."
import { ADMIN_URL } from "./contact-rows"
import { createThrowawayDatabase, type ThrowawayDatabase } from "./database"

/**
 * `marketing_contact_order`, the read model order rules count from, is kept
 * by triggers on the timeline. Whatever a write path does to the timeline
 * (insert, soft delete and restore, hard delete, moving an event to another
 * contact, changing its type, order or data, a contact's cascade delete),
 * the read model must equal what the timeline says, which this test works
 * out on its own from the events it wrote.
 */

type Event = {
  id: string
  contact_id: string
  type: string
  resource_id: string | null
  occurred_at: string
  deleted: boolean
  data: unknown
}

const CONTACTS = ["con_a", "con_b"]
const TYPES = [ORDER_PLACED, ORDER_PLACED, ORDER_CANCELED, "cart_updated"]
const ORDERS = ["ord_1", "ord_2", null]
const DATA = [
  { product_ids: ["p1", "p2"], category_ids: ["c1"] },
  { product_ids: ["p2"], category_ids: [] },
  { product_ids: "p1" },
  { product_ids: ["p1", 1, ["p3"]], category_ids: [["c1"], "c2"] },
  null,
]

type Operation =
  | { kind: "insert"; events: Omit<Event, "id" | "occurred_at">[] }
  | { kind: "soft_delete" | "restore" | "hard_delete"; pick: number }
  | { kind: "move"; pick: number; contact_id: string }
  | { kind: "retype"; pick: number; type: string }
  | { kind: "reorder"; pick: number; resource_id: string | null }
  | { kind: "redata"; pick: number; data: unknown }
  | { kind: "delete_contact"; contact_id: string }

const eventArb = fc.record({
  contact_id: fc.constantFrom(...CONTACTS),
  type: fc.constantFrom(...TYPES),
  resource_id: fc.constantFrom(...ORDERS),
  deleted: fc.constantFrom(false, false, false, true),
  data: fc.constantFrom(...DATA),
})
const pick = fc.nat(50)
const operationArb: fc.Arbitrary<Operation> = fc.oneof(
  { weight: 4, arbitrary: fc.record({ kind: fc.constant("insert" as const), events: fc.array(eventArb, { minLength: 1, maxLength: 3 }) }) },
  fc.record({ kind: fc.constantFrom("soft_delete" as const, "restore" as const, "hard_delete" as const), pick }),
  fc.record({ kind: fc.constant("move" as const), pick, contact_id: fc.constantFrom(...CONTACTS) }),
  fc.record({ kind: fc.constant("retype" as const), pick, type: fc.constantFrom(...TYPES) }),
  fc.record({ kind: fc.constant("reorder" as const), pick, resource_id: fc.constantFrom(...ORDERS) }),
  fc.record({ kind: fc.constant("redata" as const), pick, data: fc.constantFrom(...DATA) }),
  { weight: 1, arbitrary: fc.record({ kind: fc.constant("delete_contact" as const), contact_id: fc.constantFrom(...CONTACTS) }) }
)

/** The string elements of a JSON array, which is what containment of a one-string array matched. */
function itemIds(value: unknown): string[] {
  return Array.isArray(value) ? value.filter((item): item is string => typeof item === "string") : []
}

function expectedOrders(events: Event[]) {
  const live = events.filter((event) => !event.deleted)
  const canceled = new Set(
    live.filter((event) => event.type === ORDER_CANCELED && event.resource_id).map((e) => `${e.contact_id}/${e.resource_id}`)
  )
  return live
    .filter((event) => event.type === ORDER_PLACED)
    .map((event) => {
      const data = (event.data ?? {}) as Record<string, unknown>
      return {
        event_id: event.id,
        contact_id: event.contact_id,
        order_id: event.resource_id,
        placed_at: event.occurred_at,
        canceled: canceled.has(`${event.contact_id}/${event.resource_id}`),
        product_ids: itemIds(data.product_ids),
        category_ids: itemIds(data.category_ids),
      }
    })
    .sort((a, b) => a.event_id.localeCompare(b.event_id))
}

describe("the order read model kept from the timeline", () => {
  let database: ThrowawayDatabase
  let written = 0

  beforeAll(async () => {
    database = await createThrowawayDatabase(ADMIN_URL)
  })

  afterAll(async () => {
    await database?.drop()
  })

  async function readModel() {
    const { rows } = await database.client.query(
      `SELECT event_id, contact_id, order_id, to_char(placed_at AT TIME ZONE 'UTC', 'YYYY-MM-DD"T"HH24:MI:SS.MS"Z"') AS placed_at,
              canceled, product_ids, category_ids
       FROM marketing_contact_order ORDER BY event_id COLLATE "C"`
    )
    return rows
  }

  async function apply(operation: Operation, events: Event[]): Promise<Event[]> {
    const { client } = database
    const target = events.length ? events[("pick" in operation ? operation.pick : 0) % events.length] : undefined
    switch (operation.kind) {
      case "insert": {
        const added = operation.events.map((event) => ({
          ...event,
          id: `cev_${String(++written).padStart(6, "0")}`,
          occurred_at: new Date(Date.UTC(2026, 0, 1) + written * 60_000).toISOString(),
        }))
        const values: unknown[] = []
        const tuples = added.map((event) => {
          values.push(event.id, event.contact_id, event.type, event.occurred_at, event.resource_id, JSON.stringify(event.data))
          const at = values.length
          return `($${at - 5}, $${at - 4}, $${at - 3}, $${at - 2}::timestamptz, $${at - 5}, $${at - 1}, $${at}::jsonb, ${event.deleted ? "now()" : "NULL"})`
        })
        await client.query(
          `INSERT INTO marketing_contact_event (id, contact_id, type, occurred_at, idempotency_key, resource_id, data, deleted_at)
           VALUES ${tuples.join(", ")}`,
          values
        )
        return [...events, ...added]
      }
      case "delete_contact":
        await client.query(`DELETE FROM marketing_contact WHERE id = $1`, [operation.contact_id])
        await client.query(`INSERT INTO marketing_contact (id, email) VALUES ($1, $1)`, [operation.contact_id])
        return events.filter((event) => event.contact_id !== operation.contact_id)
    }
    if (!target) {
      return events
    }
    const change = (patch: Partial<Event>) => events.map((event) => (event.id === target.id ? { ...event, ...patch } : event))
    switch (operation.kind) {
      case "hard_delete":
        await client.query(`DELETE FROM marketing_contact_event WHERE id = $1`, [target.id])
        return events.filter((event) => event.id !== target.id)
      case "soft_delete":
      case "restore": {
        const deleted = operation.kind === "soft_delete"
        await client.query(`UPDATE marketing_contact_event SET deleted_at = ${deleted ? "now()" : "NULL"} WHERE id = $1`, [target.id])
        return change({ deleted })
      }
      case "move":
        await client.query(`UPDATE marketing_contact_event SET contact_id = $2 WHERE id = $1`, [target.id, operation.contact_id])
        return change({ contact_id: operation.contact_id })
      case "retype":
        await client.query(`UPDATE marketing_contact_event SET type = $2 WHERE id = $1`, [target.id, operation.type])
        return change({ type: operation.type })
      case "reorder":
        await client.query(`UPDATE marketing_contact_event SET resource_id = $2 WHERE id = $1`, [target.id, operation.resource_id])
        return change({ resource_id: operation.resource_id })
      case "redata":
        await client.query(`UPDATE marketing_contact_event SET data = $2::jsonb WHERE id = $1`, [target.id, JSON.stringify(operation.data)])
        return change({ data: operation.data })
    }
  }

  it("equals what the timeline says after every write", async () => {
    await fc.assert(
      fc.asyncProperty(fc.array(operationArb, { minLength: 1, maxLength: 12 }), async (operations) => {
        const { client } = database
        await client.query("BEGIN")
        try {
          for (const id of CONTACTS) {
            await client.query(`INSERT INTO marketing_contact (id, email) VALUES ($1, $1)`, [id])
          }
          let events: Event[] = []
          for (const operation of operations) {
            events = await apply(operation, events)
            expect(await readModel()).toEqual(expectedOrders(events))
          }
        } finally {
          await client.query("ROLLBACK")
        }
      }),
      { seed: 20261201, numRuns: 200 }
    )
  })

  it("follows statements over many events, and a truncated timeline", async () => {
    const { client } = database
    await client.query("BEGIN")
    try {
      await client.query(`INSERT INTO marketing_contact (id, email) VALUES ('con_a', 'a'), ('con_b', 'b')`)
      await client.query(
        `INSERT INTO marketing_contact_event (id, contact_id, type, occurred_at, idempotency_key, resource_id, data)
         SELECT 'cev_' || n, CASE WHEN n % 2 = 0 THEN 'con_a' ELSE 'con_b' END,
                CASE WHEN n % 3 = 0 THEN 'order_canceled' ELSE 'order_placed' END,
                now(), 'cev_' || n, 'ord_' || (n % 7), '{"product_ids": ["p1"]}'::jsonb
         FROM generate_series(1, 500) AS n`
      )
      const counts = async () =>
        (await client.query(`SELECT count(*) FILTER (WHERE canceled)::int AS canceled, count(*)::int AS orders FROM marketing_contact_order`)).rows[0]
      // Each of the 14 (contact, order) pairs has a cancellation in the same statement.
      expect(await counts()).toEqual({ canceled: 334, orders: 334 })
      await client.query(`UPDATE marketing_contact_event SET deleted_at = now() WHERE type = 'order_canceled'`)
      expect(await counts()).toEqual({ canceled: 0, orders: 334 })
      await client.query(`DELETE FROM marketing_contact WHERE id = 'con_a'`)
      expect(await counts()).toEqual({ canceled: 0, orders: 167 })
      await client.query(`TRUNCATE marketing_contact_event`)
      expect(await counts()).toEqual({ canceled: 0, orders: 0 })
    } finally {
      await client.query("ROLLBACK")
    }
  })
})
