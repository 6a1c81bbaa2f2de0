import crypto from "node:crypto"
import { MedusaContainer } from "@medusajs/framework/types"
import { ContainerRegistrationKeys } from "@medusajs/framework/utils"
import {
  advance,
  flowMessageKey,
  isTerminal,
  keyedRandom,
  runEffectKeys,
  type AdvanceResult,
  type FlowDefinition,
  type FlowEnv,
  type FlowInput,
  type FlowLogEntry,
  type FlowRunState,
} from "../../../lib/flows"
import { nextRetry } from "../../../lib/delivery"
import { runLimited } from "../../../lib/tasks/run-limited"
import { MARKETING_MODULE } from "../../../modules/marketing"
import MarketingModuleService from "../../../modules/marketing/service"
import type { SegmentContactContext } from "../../../modules/marketing/repositories/segment-context-sql"
import { resolveEmailContext } from "../../../utils/email-context"
import { flowExtensions } from "../registry"
import { EffectContext, PermanentEffectError, performEffect } from "./executors"
import { loadFlowVersions } from "./versions"

/** How long a worker holds a run; one advance takes well under this. */
const LEASE_MS = 5 * 60_000
const BATCH = 50
/** Runs of a batch advanced at once; each holds a database connection while it waits. */
const RUNS_IN_FLIGHT = 4
/** Bounds one call's work; the next job tick continues. */
const MAX_BATCHES = 40
/** Retries of a failing effect before the run fails with its reason. */
const EFFECT_RETRY = { maxAttempts: 5, baseDelayMs: 60_000, maxDelayMs: 6 * 60 * 60_000 }

type RunRow = Record<string, any> & {
  id: string
  flow_id: string
  flow_version_id: string
  contact_id: string
  state: FlowRunState
  inbox: { name: string; data: unknown; at: number }[]
  holdout: boolean
  failures: number
  trigger_data: Record<string, unknown> | null
  claim_token: string
}

export type AdvanceRunsResult = { runs: number; effects: number; failed: number }

/**
 * Advances flow runs: due ones (their wait passed, an event arrived), or
 * the given ones at once. Each run is claimed under a lease with SKIP
 * LOCKED, so two workers never hold the same run; events in its inbox are
 * applied first, then the clock. Each effect is performed under its key and
 * logged before the run moves past it, so after a crash the next worker
 * asks for the same key and the effect is not done twice. A failing effect
 * is retried with backoff; after the last attempt the run fails with the
 * reason.
 */
export async function advanceFlowRuns(
  container: MedusaContainer,
  options: {
    now?: Date
    runIds?: string[]
    /** The runs' contacts as the caller read them a moment ago (an event that just entered them). */
    contexts?: Map<string, SegmentContactContext>
  } = {}
): Promise<AdvanceRunsResult> {
  const now = options.now ?? new Date()
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const total: AdvanceRunsResult = { runs: 0, effects: 0, failed: 0 }
  const claim = async (runIds?: string[]) => {
    const runs = (await marketing.claimFlowRuns({
      now,
      limit: BATCH,
      leaseMs: LEASE_MS,
      claim_token: crypto.randomUUID(),
      run_ids: runIds,
    })) as RunRow[]
    if (runs.length) {
      const result = await advanceClaimed(container, runs, now, options.contexts)
      total.runs += result.runs
      total.effects += result.effects
      total.failed += result.failed
    }
    return runs.length
  }
  if (options.runIds) {
    for (let start = 0; start < options.runIds.length; start += BATCH) {
      await claim(options.runIds.slice(start, start + BATCH))
    }
    return total
  }
  for (let batch = 0; batch < MAX_BATCHES; batch++) {
    if ((await claim()) < BATCH) {
      break
    }
  }
  return total
}

async function advanceClaimed(
  container: MedusaContainer,
  runs: RunRow[],
  now: Date,
  known?: Map<string, SegmentContactContext>
): Promise<AdvanceRunsResult> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const logger = container.resolve(ContainerRegistrationKeys.LOGGER)
  const extensions = await flowExtensions(container)
  const versions = await loadFlowVersions(
    marketing,
    extensions.registry,
    runs.map((run) => run.flow_version_id)
  )
  const contactIds = [...new Set(runs.map((run) => run.contact_id))]
  // Reading the contexts is five statements per batch, and an entering event has just read them.
  const contexts =
    known && contactIds.every((id) => known.has(id)) ? known : await marketing.readSegmentContexts(contactIds)
  // Only a webhook step signs with the secret; most batches never need the settings and store it is read with.
  let secret: Promise<string> | undefined
  const webhookSecret = () => (secret ??= resolveEmailContext(container).then((email) => email.secret))
  const result: AdvanceRunsResult = { runs: 0, effects: 0, failed: 0 }
  // A contact's runs go one after another (their steps may change the same
  // contact); different contacts' runs go side by side, so the batch is not
  // waiting on one statement at a time.
  const lanes = new Map<string, RunRow[]>()
  for (const run of runs) {
    const lane = lanes.get(run.contact_id) ?? []
    lane.push(run)
    lanes.set(run.contact_id, lane)
  }
  await runLimited([...lanes.values()], RUNS_IN_FLIGHT, async (lane) => {
    for (const run of lane) {
      try {
        const outcome = await advanceRun(container, run, {
          definition: versions.get(run.flow_version_id)?.definition ?? null,
          versionError: versions.get(run.flow_version_id)?.error ?? "the flow version is gone",
          context: contexts.get(run.contact_id)!,
          extensions,
          secret: webhookSecret,
          storeTimezone: null,
          now,
        })
        result.runs++
        result.effects += outcome.effects
        if (outcome.failed) result.failed++
      } catch (error) {
        // The lease runs out and another tick tries again; nothing was skipped.
        logger.error(`marketing: advancing flow run ${run.id} failed: ${(error as Error).message}`)
      }
    }
  })
  return result
}

type RunSetup = {
  definition: FlowDefinition | null
  versionError: string
  context: SegmentContactContext
  extensions: EffectContext["extensions"]
  secret: () => Promise<string>
  storeTimezone: string | null
  now: Date
}

async function advanceRun(
  container: MedusaContainer,
  run: RunRow,
  setup: RunSetup
): Promise<{ effects: number; failed: boolean }> {
  const marketing: MarketingModuleService = container.resolve(MARKETING_MODULE)
  const { definition, context, now } = setup
  const at = now.getTime()
  let state: FlowRunState = run.state
  let failures = run.failures
  let lastError: string | null = null
  let retryAt: Date | null = null
  let effects = 0

  const save = async (applied: number) => {
    const ended = state.ended
    const status = state.status
    const wake = retryAt ?? (status === "waiting" && state.wake_at !== null ? new Date(state.wake_at) : status === "active" ? now : null)
    const saved = await marketing.saveFlowRun({
      id: run.id,
      claim_token: run.claim_token,
      status,
      state,
      current_step: state.step,
      wake_at: isTerminal(state) ? null : wake,
      last_error: lastError ?? (ended?.reason === "error" ? ended.detail : null),
      failures,
      finished_at: ended ? new Date(ended.at) : null,
      exit_reason: ended ? `${ended.reason}: ${ended.detail}` : null,
      converted_at: state.converted_at !== null ? new Date(state.converted_at) : null,
      inbox_applied: applied,
      now,
    })
    if (saved && (status === "exited" || status === "failed")) {
      await marketing.skipQueuedRunMessages(
        run.id,
        `flow run ${status}: ${ended?.detail ?? ""}`.trim(),
        runEffectKeys(run.id, state.visits).map(flowMessageKey)
      )
    }
  }

  if (!definition || !context.facts) {
    state = {
      ...state,
      status: "failed",
      ended: { at, reason: "error", detail: !definition ? setup.versionError : "the contact is gone" },
    }
    await save(run.inbox.length)
    return { effects, failed: true }
  }

  const env: FlowEnv = {
    runId: run.id,
    now: at,
    contact: context.facts,
    evaluation: {
      events: context.events,
      messages: context.messages,
      messageEvents: context.messageEvents,
      memberships: context.memberships,
    },
    triggerData: run.trigger_data ?? undefined,
    random: keyedRandom(run.flow_id),
    storeTimezone: setup.storeTimezone,
  }
  const effectContext = (): EffectContext => ({
    container,
    run: {
      id: run.id,
      flow_id: run.flow_id,
      contact_id: run.contact_id,
      trigger_data: run.trigger_data,
      results: state.results,
    },
    contact: context.facts as EffectContext["contact"],
    extensions: setup.extensions,
    now,
  })

  /** Feeds one input, then performs effects until the run waits, ends, or an effect must be retried. */
  const step = async (input: FlowInput): Promise<boolean> => {
    let result: AdvanceResult = advance(definition, state, input, env)
    for (;;) {
      state = result.state
      await logEntries(marketing, run, result.log, state, now)
      const effect = result.effect
      if (!effect) {
        return true
      }
      const opened = await marketing.openFlowStepLog({
        run_id: run.id,
        flow_id: run.flow_id,
        step_id: effect.step,
        step_type: effect.type,
        key: effect.key,
        at: now,
      })
      let output: unknown
      if (opened.outcome === "executed" || opened.outcome === "skipped") {
        output = opened.result ?? undefined
      } else if (run.holdout) {
        output = { holdout: true }
        await marketing.closeFlowStepLog({ key: effect.key, outcome: "skipped", result: output })
      } else {
        try {
          output = await performEffect(effect, effectContext(), setup.secret)
          effects++
          await marketing.closeFlowStepLog({ key: effect.key, outcome: "executed", result: output ?? null })
          failures = 0
        } catch (error) {
          const message = (error as Error).message
          failures++
          const retry = error instanceof PermanentEffectError ? null : nextRetry(failures, now, EFFECT_RETRY)
          if (retry?.retry) {
            lastError = message
            retryAt = retry.at
            return false
          }
          await marketing.closeFlowStepLog({ key: effect.key, outcome: "failed", error: message })
          result = advance(definition, state, { kind: "effect_failed", key: effect.key, error: message }, env)
          continue
        }
      }
      result = advance(definition, state, { kind: "effect_done", key: effect.key, result: output ?? null }, env)
    }
  }

  let applied = 0
  for (const event of run.inbox) {
    if (!(await step({ kind: "event", name: event.name, data: event.data }))) {
      await save(applied)
      return { effects, failed: false }
    }
    applied++
  }
  const started = state.step !== null || Object.keys(state.visits).length > 0
  await step(started ? { kind: "tick" } : { kind: "start" })
  await save(applied)
  return { effects, failed: state.status === "failed" }
}

/** Step visits go to the step log once each (by run, step and visit), for per-step numbers. */
async function logEntries(
  marketing: MarketingModuleService,
  run: RunRow,
  log: FlowLogEntry[],
  state: FlowRunState,
  now: Date
) {
  const seen = new Set<string>()
  for (const entry of log) {
    if (!entry.step || entry.outcome === "requested" || entry.key) {
      continue
    }
    const visit = state.visits[entry.step] ?? 1
    const key = `${run.id}:${entry.step}:${visit}`
    if (seen.has(key)) {
      continue
    }
    seen.add(key)
    await marketing.openFlowStepLog({
      run_id: run.id,
      flow_id: run.flow_id,
      step_id: entry.step,
      step_type: entry.type,
      key,
      at: new Date(entry.at ?? now.getTime()),
    })
  }
}
