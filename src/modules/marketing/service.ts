import { Context } from "@medusajs/framework/types"
import {
  InjectManager,
  InjectTransactionManager,
  MedusaContext,
  MedusaError,
  MedusaService,
  generateEntityId,
} from "@medusajs/framework/utils"
import { SqlEntityManager } from "@medusajs/framework/mikro-orm/postgresql"
import Contact from "./models/contact"
import ContactEvent from "./models/contact-event"
import JobState from "./models/job-state"
import { MarketingOptions, parseMarketingOptions } from "./options"
import { REFRESH_FACTS_SQL } from "./repositories/facts-sql"
import {
  RecordContactEventInput,
  UpdateConsentInput,
  UpsertContactInput,
} from "../../types"
import { normalizeEmail } from "../../lib/contacts/email"

const IDENTITY_FIELDS = [
  "first_name",
  "last_name",
  "phone",
  "locale",
  "timezone",
] as const

type ContactRow = Record<string, any> & { id: string; email: string }

export type UpsertContactResult = {
  contact: ContactRow
  created: boolean
  /** Stored values the upsert overwrote, for compensation. */
  previous: Record<string, unknown> | null
}

class MarketingModuleService extends MedusaService({
  Contact,
  ContactEvent,
  JobState,
}) {
  protected readonly options_: MarketingOptions

  constructor(container: Record<string, unknown>, options: unknown) {
    // eslint-disable-next-line prefer-rest-params
    super(...arguments)
    this.options_ = parseMarketingOptions(options)
  }

  /** The validated plugin options, with defaults applied. */
  getOptions(): MarketingOptions {
    return this.options_
  }

  /**
   * Finds the contact for an email address (case-insensitive), or `null`.
   *
   * @example
   * const contact = await marketing.findContactByEmail("Ana@Example.com")
   */
  @InjectManager()
  async findContactByEmail(
    email: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRow | null> {
    const [contact] = await this.listContacts(
      { email: normalizeEmail(email) },
      { take: 1 },
      sharedContext
    )
    return (contact as ContactRow) ?? null
  }

  /**
   * Finds or creates one contact per input, keyed by email, and links it to
   * the Medusa customer when `customer_id` is given. A guest who subscribed
   * and later registers with the same email stays one contact. Safe under
   * concurrency: a racing insert of the same email resolves to one row.
   *
   * @example
   * const [{ contact, created }] = await marketing.upsertContacts([
   *   { email: "ana@example.com", first_name: "Ana" },
   * ])
   */
  @InjectTransactionManager()
  async upsertContacts(
    inputs: UpsertContactInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<UpsertContactResult[]> {
    const results: UpsertContactResult[] = []
    for (const input of inputs) {
      results.push(await this.upsertContact_(input, sharedContext))
    }
    return results
  }

  protected async upsertContact_(
    input: UpsertContactInput,
    sharedContext: Context
  ): Promise<UpsertContactResult> {
    const email = normalizeEmail(input.email)
    if (!email) {
      throw new MedusaError(MedusaError.Types.INVALID_DATA, "email is required")
    }

    let target: ContactRow | undefined
    if (input.customer_id) {
      const [byCustomer] = await this.listContacts(
        { customer_id: input.customer_id },
        { take: 1 },
        sharedContext
      )
      target = byCustomer as ContactRow | undefined
    }

    const [byEmail] = await this.listContacts(
      { email },
      { take: 1 },
      sharedContext
    )

    // The customer changed their email to one another contact already owns
    // (typically a guest subscriber): the customer moves to that contact.
    if (target && byEmail && target.id !== byEmail.id) {
      if (!byEmail.customer_id) {
        await this.updateContacts(
          { id: target.id, customer_id: null },
          sharedContext
        )
        target = byEmail as ContactRow
      }
    }
    target = target ?? (byEmail as ContactRow | undefined)

    if (!target) {
      const created = await this.insertContact_(email, input, sharedContext)
      if (created) {
        return { contact: created, created: true, previous: null }
      }
      const [raced] = await this.listContacts({ email }, { take: 1 }, sharedContext)
      target = raced as ContactRow
    }

    const update: Record<string, unknown> = {}
    if (target.email !== email && !byEmail) {
      update.email = email
    }
    if (input.customer_id && target.customer_id !== input.customer_id) {
      update.customer_id = input.customer_id
    }
    for (const field of IDENTITY_FIELDS) {
      const value = input[field]
      if (value !== undefined && value !== null && value !== target[field]) {
        update[field] = value
      }
    }
    if (!Object.keys(update).length) {
      return { contact: target, created: false, previous: null }
    }
    const previous = Object.fromEntries(
      Object.keys(update).map((key) => [key, target![key] ?? null])
    )
    const updated = await this.updateContacts(
      { id: target.id, ...update },
      sharedContext
    )
    return { contact: updated as ContactRow, created: false, previous }
  }

  protected async insertContact_(
    email: string,
    input: UpsertContactInput,
    sharedContext: Context
  ): Promise<ContactRow | null> {
    const manager = sharedContext.transactionManager as SqlEntityManager
    // ON CONFLICT instead of a read-then-insert: two events for a new email
    // arriving at once (sign-up and cart) must not fail on the unique index.
    const rows = await manager.execute<ContactRow[]>(
      `INSERT INTO marketing_contact
         (id, email, customer_id, first_name, last_name, phone, locale, timezone)
       VALUES (?, ?, ?, ?, ?, ?, ?, ?)
       ON CONFLICT (email) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id`,
      [
        generateEntityId(undefined, "mkt_con"),
        email,
        input.customer_id ?? null,
        input.first_name ?? null,
        input.last_name ?? null,
        input.phone ?? null,
        input.locale ?? null,
        input.timezone ?? null,
      ]
    )
    if (!rows.length) {
      return null
    }
    return (await this.retrieveContact(rows[0].id, {}, sharedContext)) as ContactRow
  }

  /**
   * Records activities on contacts' timelines. Each event's
   * `idempotency_key` is unique: an event already recorded is skipped, so
   * replays are harmless. Returns only the events that were new.
   *
   * @example
   * const [recorded] = await marketing.recordContactEvents([{
   *   contact_id, type: "subscribed", idempotency_key: `subscribed:${contact_id}:${Date.now()}`,
   * }])
   * if (!recorded) { // it was a replay }
   */
  @InjectTransactionManager()
  async recordContactEvents(
    inputs: RecordContactEventInput[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<{ id: string; idempotency_key: string; contact_id: string }[]> {
    if (!inputs.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const values: unknown[] = []
    const tuples = inputs.map((input) => {
      values.push(
        generateEntityId(undefined, "mkt_cev"),
        input.contact_id,
        input.type,
        new Date(input.occurred_at ?? Date.now()),
        input.idempotency_key,
        input.resource_type ?? null,
        input.resource_id ?? null,
        input.data ? JSON.stringify(input.data) : null
      )
      return "(?, ?, ?, ?, ?, ?, ?, ?::jsonb)"
    })
    return await manager.execute(
      `INSERT INTO marketing_contact_event
         (id, contact_id, type, occurred_at, idempotency_key, resource_type, resource_id, data)
       VALUES ${tuples.join(", ")}
       ON CONFLICT (idempotency_key) WHERE deleted_at IS NULL DO NOTHING
       RETURNING id, idempotency_key, contact_id`,
      values
    )
  }

  /** Removes recorded events by id; used by workflow compensation. */
  @InjectTransactionManager()
  async removeContactEvents(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `DELETE FROM marketing_contact_event WHERE id = ANY(?::text[])`,
      [ids]
    )
  }

  /**
   * Recomputes profile facts (orders, spend, first and last order, products
   * and categories bought) from the contacts' timelines. Totals count orders
   * in `currencyCode`; other currencies are kept apart in `spent_by_currency`.
   */
  @InjectTransactionManager()
  async refreshContactFacts(
    contactIds: string[],
    currencyCode: string,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<string[]> {
    if (!contactIds.length) {
      return []
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    const rows = await manager.execute<{ id: string }[]>(REFRESH_FACTS_SQL, [
      contactIds,
      currencyCode,
      currencyCode,
      currencyCode,
    ])
    return rows.map((row) => row.id)
  }

  /**
   * Sets a contact's consent with its evidence. A suppressed contact stays
   * suppressed: consent never overrides a bounce or complaint.
   *
   * @example
   * await marketing.updateConsent({
   *   contact_id, status: "subscribed", source: "footer_form", ip: req.ip,
   * })
   */
  @InjectTransactionManager()
  async updateConsent(
    input: UpdateConsentInput,
    @MedusaContext() sharedContext: Context = {}
  ): Promise<ContactRow> {
    return (await this.updateContacts(
      {
        id: input.contact_id,
        consent_status: input.status,
        consent_source: input.source ?? null,
        consent_ip: input.ip ?? null,
        consent_text: input.consent_text ?? null,
        consent_at: new Date(input.at ?? Date.now()),
      },
      sharedContext
    )) as ContactRow
  }

  /**
   * Anonymises contacts in place: every field that identifies the person is
   * cleared or replaced, the timeline keeps only types and times, and the
   * contact can never be emailed again. Aggregates (orders count, spend) stay
   * so revenue reports do not change retroactively.
   */
  @InjectTransactionManager()
  async eraseContacts(
    ids: string[],
    @MedusaContext() sharedContext: Context = {}
  ): Promise<void> {
    if (!ids.length) {
      return
    }
    const manager = sharedContext.transactionManager as SqlEntityManager
    await manager.execute(
      `UPDATE marketing_contact SET
         email = 'erased+' || id || '@erased.invalid',
         customer_id = NULL, first_name = NULL, last_name = NULL, phone = NULL,
         locale = NULL, timezone = NULL,
         consent_status = 'unsubscribed', consent_source = 'erasure',
         consent_at = now(), consent_ip = NULL, consent_text = NULL,
         suppressed_at = now(), suppression_reason = 'erased',
         metadata = NULL, erased_at = now(), updated_at = now()
       WHERE id = ANY(?::text[])`,
      [ids]
    )
    await manager.execute(
      `UPDATE marketing_contact_event SET data = NULL, updated_at = now()
       WHERE contact_id = ANY(?::text[])`,
      [ids]
    )
  }
}

export default MarketingModuleService
