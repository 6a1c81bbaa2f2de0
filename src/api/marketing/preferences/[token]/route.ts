import type { MedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { z } from "@medusajs/framework/zod"
import type { EmailContext } from "../../../../utils/email-context"
import { updateEmailPreferencesWorkflow } from "../../../../workflows/messages"
import { escapeHtml } from "../../page"
import { readToken, requestEvidence, sendPage } from "../../helpers"

const PreferencesForm = z
  .object({
    action: z.enum(["topics", "unsubscribe_all", "subscribe"]),
    topics: z.union([z.string(), z.array(z.string())]).optional(),
  })
  .strict()

type ContactPreferences = { consent_status: string; unsubscribed_topics: string[] | null }

function preferencesBody(context: EmailContext, contact: ContactPreferences, notice?: string): string {
  const status = notice ? `<p class="note" role="status">${escapeHtml(notice)}</p>` : ""
  if (contact.consent_status !== "subscribed") {
    return `${status}<p>You are not subscribed to our marketing emails.</p>
<form method="post">
  <input type="hidden" name="action" value="subscribe">
  <button type="submit">Subscribe to our emails</button>
</form>`
  }
  const left = new Set(contact.unsubscribed_topics ?? [])
  const topics = context.settings.topics
    .map(
      (topic) => `<label><input type="checkbox" name="topics" value="${escapeHtml(topic.key)}"${left.has(topic.key) ? "" : " checked"}>
<span><strong>${escapeHtml(topic.name)}</strong>${topic.description ? `<br><small>${escapeHtml(topic.description)}</small>` : ""}</span></label>`
    )
    .join("\n")
  return `${status}<form method="post">
  <input type="hidden" name="action" value="topics">
  <fieldset>
    <legend>Emails you want to get</legend>
    ${topics}
  </fieldset>
  <button type="submit">Save my choices</button>
</form>
<form method="post">
  <input type="hidden" name="action" value="unsubscribe_all">
  <button type="submit" class="secondary">Unsubscribe from all marketing emails</button>
</form>`
}

const load = async (found: NonNullable<Awaited<ReturnType<typeof readToken<"unsubscribe">>>>) => {
  const [contact] = await found.marketing.listContacts(
    { id: found.token.c },
    { select: ["id", "consent_status", "unsubscribed_topics"] }
  )
  return contact as (ContactPreferences & { id: string }) | undefined
}

/** The preference page: every topic, and unsubscribe from all. */
export const GET = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "unsubscribe")
  if (!found) {
    return
  }
  const contact = await load(found)
  if (!contact) {
    return sendPage(res, 404, found.context, "Email preferences", "<p>We have no email preferences for this link.</p>")
  }
  sendPage(res, 200, found.context, "Email preferences", preferencesBody(found.context, contact))
}

export const POST = async (req: MedusaRequest, res: MedusaResponse) => {
  const found = await readToken(req, res, "unsubscribe")
  if (!found) {
    return
  }
  const contact = await load(found)
  if (!contact) {
    return sendPage(res, 404, found.context, "Email preferences", "<p>We have no email preferences for this link.</p>")
  }
  const form = PreferencesForm.safeParse(req.body ?? {})
  const known = new Set(found.context.settings.topics.map((t) => t.key))
  const wanted = form.success ? [form.data.topics ?? []].flat() : []
  const unknown = wanted.find((key) => !known.has(key))
  if (!form.success || unknown) {
    const field = unknown ? "topics" : form.error!.issues[0]?.path.join(".") || "form"
    return sendPage(res, 400, found.context, "Email preferences", `<p>We could not read the form (field “${escapeHtml(field)}”). Please try again.</p>`)
  }

  const action = form.data.action
  await updateEmailPreferencesWorkflow(req.scope).run({
    input: {
      contact_id: contact.id,
      message_id: found.token.m ?? null,
      action,
      unsubscribed_topics: [...known].filter((key) => !wanted.includes(key)),
      source: "preference_page",
      ...requestEvidence(req),
    },
  })
  const updated = (await load(found))!
  const notice =
    action === "unsubscribe_all"
      ? "You are unsubscribed from all marketing emails."
      : action === "subscribe"
        ? "You are subscribed again."
        : "Your choices are saved."
  sendPage(res, 200, found.context, "Email preferences", preferencesBody(found.context, updated, notice))
}
