import { AuthenticatedMedusaRequest, MedusaResponse } from "@medusajs/framework/http"
import { MedusaError } from "@medusajs/framework/utils"
import { checkGuardrails, GUARDRAIL_REASON_TEXT } from "../../../../../../lib/delivery"
import { simulateFlow, type SendEmailEffect } from "../../../../../../lib/flows"
import { TemplateError } from "../../../../../../lib/templates/renderer"
import { MARKETING_MODULE } from "../../../../../../modules/marketing"
import MarketingModuleService from "../../../../../../modules/marketing/service"
import { resolveEmailContext } from "../../../../../../utils/email-context"
import { parseDefinitionOrThrow } from "../../../../../../workflows/flows"
import { composeEmail } from "../../../../../../workflows/messages/compose-email"
import { guardrailsFrom } from "../../../../../../workflows/messages/dispatch-due-messages"
import { buildTemplateDataWorkflow } from "../../../../../../workflows/messages/template-data/build-template-data"
import { AdminDryRunFlowType } from "../../validators"

const HOUR = 3_600_000

/**
 * Runs the flow as it is being edited for one contact on a simulated clock:
 * which steps would run when, the emails that would go out (rendered for
 * this contact, untracked) and the guardrails that would stop them. Nothing
 * is stored or sent.
 */
export const POST = async (req: AuthenticatedMedusaRequest<AdminDryRunFlowType>, res: MedusaResponse) => {
  const marketing: MarketingModuleService = req.scope.resolve(MARKETING_MODULE)
  const [flow] = await marketing.listFlows({ id: req.params.id }, { select: ["id", "definition"] })
  if (!flow) {
    throw new MedusaError(MedusaError.Types.NOT_FOUND, `Flow with id: ${req.params.id} was not found`)
  }
  const body = req.validatedBody
  const definition = await parseDefinitionOrThrow(req.scope, body.definition ?? flow.definition)
  const context = (await marketing.readSegmentContexts([body.contact_id])).get(body.contact_id)
  if (!context?.facts) {
    throw new MedusaError(MedusaError.Types.INVALID_DATA, `contact_id: contact ${body.contact_id} does not exist`)
  }
  const facts = context.facts as typeof context.facts & Record<string, any>
  const email = await resolveEmailContext(req.scope)
  const guardrails = guardrailsFrom(email.settings)
  const start = body.start === undefined ? Date.now() : new Date(body.start).getTime()
  const sentAt: number[] = []
  const { timeline, state, converted } = simulateFlow(definition, {
    contact: facts,
    evaluation: context,
    triggerData: body.trigger_data,
    start,
    horizonDays: body.horizon_days,
    events: body.events.map((event) => ({ at: start + event.after_hours * HOUR, name: event.name, data: event.data })),
    checkEmail: (step, at) => {
      const windowStart = at - guardrails.frequencyWindowHours * HOUR
      const decision = checkGuardrails({
        contact: facts as any,
        transactional: step.transactional ?? false,
        sentInWindow: sentAt.filter((sent) => sent >= windowStart).length,
        now: new Date(at),
        settings: guardrails,
      })
      if (decision.action === "skip" || decision.action === "suppress") {
        return { allowed: false, reason: decision.reason, explanation: GUARDRAIL_REASON_TEXT[decision.reason] }
      }
      sentAt.push(at)
      return { allowed: true }
    },
  })

  type DryRunEmail = { step: string; at: number; template?: { id: string; name: string }; subject?: string; html?: string; error?: string }
  const emails: DryRunEmail[] = []
  for (const entry of timeline) {
    if (entry.type !== "send_email" || entry.outcome !== "executed" || !entry.effect) {
      continue
    }
    const effect = entry.effect as SendEmailEffect
    const [template] = await marketing.listTemplates({ id: effect.config.template_id }, { select: ["id", "name", "latest_version"] })
    const [version] = template
      ? await marketing.listTemplateVersions({ template_id: template.id, version: template.latest_version })
      : []
    if (!version) {
      emails.push({ step: effect.step, at: entry.at, error: `template ${effect.config.template_id} does not exist` })
      continue
    }
    const trigger = body.trigger_data ?? {}
    try {
      const { result: data } = await buildTemplateDataWorkflow(req.scope).run({
        input: {
          contact_id: facts.id,
          cart_id: typeof trigger.cart_id === "string" ? trigger.cart_id : null,
          order_id: typeof trigger.order_id === "string" ? trigger.order_id : null,
        },
      })
      const rendered = await composeEmail({
        message: { id: `dry_run_${effect.key}`, contact_id: facts.id, transactional: effect.config.transactional, reason_type: "flow", data: data as Record<string, unknown> },
        contact: facts as any,
        version,
        context: email,
        untracked: true,
      })
      emails.push({ step: effect.step, at: entry.at, template: { id: template.id, name: template.name }, subject: rendered.subject, html: rendered.html })
    } catch (error) {
      emails.push({ step: effect.step, at: entry.at, error: error instanceof TemplateError ? error.message : String(error) })
    }
  }
  res.json({
    timeline: timeline.map(({ effect: _effect, ...entry }) => ({ ...entry, at: new Date(entry.at).toISOString() })),
    emails: emails.map((e) => ({ ...e, at: new Date(e.at).toISOString() })),
    final: { status: state.status, step: state.step, ended: state.ended },
    converted,
  })
}
