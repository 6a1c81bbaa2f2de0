import { Button, FocusModal, ProgressStatus, ProgressTabs, Text, toast, usePrompt } from "@medusajs/ui"
import { type MutableRefObject, useEffect, useMemo, useRef, useState } from "react"
import {
  useCampaignAudience,
  useCreateCampaign,
  useScheduleCampaign,
  useUpdateCampaign,
} from "../../hooks/api/campaigns"
import { useSegments } from "../../hooks/api/segments"
import { useTemplates } from "../../hooks/api/templates"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import {
  type CampaignDraft,
  canSaveDraft,
  draftFromCampaign,
  draftIssues,
  draftToPayload,
  newCampaignDraft,
  schedulePayload,
} from "../../lib/campaign-draft"
import {
  type CampaignIssue,
  firstStepWithIssue,
  parseCampaignIssues,
  WIZARD_STEPS,
  type WizardStep,
} from "../../lib/campaign-issues"
import { formatCampaignTime } from "../../lib/campaign-schedule"
import type { Campaign } from "../../lib/campaign-types"
import { AbTestStep } from "./ab-test-step"
import { AudienceStep } from "./audience-step"
import { ContentStep } from "./content-step"
import { GeneralIssues } from "./issue-hints"
import { ScheduleStep } from "./schedule-step"

/** How long the segment choice must rest before the audience is counted again. */
const AUDIENCE_DELAY_MS = 400
/** Enough for any store's list of templates and segments in one read. */
const OPTIONS_LIMIT = 200

const STEP_LABELS: Record<WizardStep, string> = {
  audience: "Audience",
  content: "Content",
  ab_test: "A/B test",
  schedule: "Schedule",
}

type CampaignWizardProps = {
  open: boolean
  onOpenChange: (open: boolean) => void
  /** The campaign to edit; a new one when absent. */
  campaign?: Campaign
  /** The step it opens at, e.g. Schedule from a draft's "Schedule" action. */
  initialStep?: WizardStep
  /** After a save or a schedule, with the campaign as the server stored it. */
  onDone?: (campaign: Campaign, action: "saved" | "scheduled") => void
}

/** Asks before unsaved changes are thrown away; resolves whether the wizard may close. */
type CloseGuard = MutableRefObject<(() => Promise<boolean>) | null>

type WizardFormProps = Omit<CampaignWizardProps, "open" | "onOpenChange"> & {
  close: () => void
  requestClose: () => void
  guard: CloseGuard
}

const WizardForm = ({ campaign, initialStep, onDone, close, requestClose, guard }: WizardFormProps) => {
  const prompt = usePrompt()
  const initial = useMemo(() => (campaign ? draftFromCampaign(campaign) : newCampaignDraft()), [campaign])
  const [draft, setDraft] = useState<CampaignDraft>(initial)
  const [step, setStep] = useState<WizardStep>(initialStep ?? "audience")
  // Steps the merchant tried to leave or save from: their own mistakes show from then on.
  const [checked, setChecked] = useState<Set<WizardStep>>(() => new Set(campaign ? WIZARD_STEPS : []))
  const [serverIssues, setServerIssues] = useState<CampaignIssue[]>([])
  // Set once the first save created the campaign, so saving again updates it instead of making another.
  const [saved, setSaved] = useState<Campaign | undefined>(campaign)

  const create = useCreateCampaign()
  const update = useUpdateCampaign()
  const schedule = useScheduleCampaign()
  const isBusy = create.isPending || update.isPending || schedule.isPending

  const { templates: allTemplates, isPending: templatesLoading } = useTemplates({ limit: OPTIONS_LIMIT, order: "name" })
  // A template without a saved version has nothing to send.
  const templates = useMemo(() => (allTemplates ?? []).filter((t) => t.latest_version > 0), [allTemplates])
  const { segments, isPending: segmentsLoading } = useSegments({
    limit: OPTIONS_LIMIT,
    offset: 0,
    order: "name",
    fields: "id,name,member_count",
  })

  const audiencePayload = useDebouncedValue(
    useMemo(
      () =>
        draft.segment_ids.length
          ? { segment_ids: draft.segment_ids, exclude_segment_ids: draft.exclude_segment_ids, transactional: draft.transactional }
          : null,
      [draft.segment_ids, draft.exclude_segment_ids, draft.transactional]
    ),
    AUDIENCE_DELAY_MS
  )
  const audienceQuery = useCampaignAudience(audiencePayload)
  const audienceSettled =
    audiencePayload?.segment_ids === draft.segment_ids &&
    audiencePayload?.exclude_segment_ids === draft.exclude_segment_ids &&
    audiencePayload?.transactional === draft.transactional
  const audience = {
    count: draft.segment_ids.length ? audienceQuery.count : undefined,
    reachable: draft.segment_ids.length ? audienceQuery.reachable : undefined,
    transactional: draft.transactional,
    isUpdating: !audienceSettled || audienceQuery.isFetching,
    error: audienceQuery.isError ? audienceQuery.error?.message ?? "The audience could not be counted" : null,
  }

  const now = Date.now()
  const localIssues = draftIssues(draft, now)
  const shown = [...localIssues.filter((issue) => issue.step && checked.has(issue.step)), ...serverIssues]
  const issuesOf = (of: WizardStep) => shown.filter((issue) => issue.step === of)
  const general = serverIssues.filter((issue) => issue.step === null)

  const change = (patch: Partial<CampaignDraft>) => {
    setDraft((current) => ({ ...current, ...patch }))
    // The server's answer was about the campaign as it was: it no longer holds.
    setServerIssues([])
  }

  const stepIndex = WIZARD_STEPS.indexOf(step)
  const isLast = stepIndex === WIZARD_STEPS.length - 1
  const hasIssues = (of: WizardStep) => localIssues.some((issue) => issue.step === of)

  const statusOf = (of: WizardStep): ProgressStatus => {
    if (of === step) {
      return "in-progress"
    }
    return checked.has(of) && !hasIssues(of) && !serverIssues.some((issue) => issue.step === of) ? "completed" : "not-started"
  }

  /** Moving on checks every step on the way; a step with mistakes keeps the merchant there. */
  const goTo = (target: WizardStep) => {
    const targetIndex = WIZARD_STEPS.indexOf(target)
    if (targetIndex <= stepIndex) {
      setStep(target)
      return
    }
    const passing = WIZARD_STEPS.slice(0, targetIndex)
    setChecked((current) => new Set([...current, ...passing]))
    setStep(passing.find(hasIssues) ?? target)
  }

  const showIssues = (issues: CampaignIssue[]) => {
    setChecked(new Set(WIZARD_STEPS))
    setStep(firstStepWithIssue(issues) ?? step)
  }

  const refused = (error: Error, title: string) => {
    const issues = parseCampaignIssues(error.message)
    setServerIssues(issues)
    setStep(firstStepWithIssue(issues) ?? step)
    toast.error(title, { description: error.message })
  }

  /** Creates the campaign or saves its changes; undefined when the server refused. */
  const persist = async (): Promise<Campaign | undefined> => {
    const payload = draftToPayload(draft, saved?.status)
    try {
      const { campaign: stored } = saved
        ? await update.mutateAsync({ id: saved.id, payload })
        : await create.mutateAsync(payload)
      setSaved(stored)
      return stored
    } catch (error) {
      refused(error as Error, saved ? "The campaign was not saved" : "The campaign was not created")
      return undefined
    }
  }

  const saveDraft = async () => {
    if (!canSaveDraft(localIssues)) {
      showIssues(localIssues)
      return
    }
    const stored = await persist()
    if (!stored) {
      return
    }
    toast.success(stored.status === "draft" ? "Draft saved" : "Campaign saved", { description: stored.name })
    close()
    onDone?.(stored, "saved")
  }

  const confirm = async () => {
    if (localIssues.length) {
      showIssues(localIssues)
      return
    }
    const stored = await persist()
    if (!stored) {
      return
    }
    try {
      const { campaign: scheduled } = await schedule.mutateAsync({ id: stored.id, payload: schedulePayload(draft) })
      toast.success(draft.send === "now" ? "Campaign is sending" : "Campaign scheduled", {
        description:
          draft.send === "now"
            ? `${scheduled.name} starts within a minute.`
            : `${scheduled.name} sends ${formatCampaignTime(scheduled.scheduled_at, scheduled.local_time)}.`,
      })
      close()
      onDone?.(scheduled, "scheduled")
    } catch (error) {
      refused(error as Error, "The campaign was not scheduled")
    }
  }

  const next = () => {
    if (hasIssues(step)) {
      setChecked((current) => new Set([...current, step]))
      return
    }
    goTo(WIZARD_STEPS[stepIndex + 1])
  }

  useEffect(() => {
    guard.current = async () => {
      const unsaved = JSON.stringify(draft) !== JSON.stringify(saved ? draftFromCampaign(saved) : initial)
      if (!unsaved) {
        return true
      }
      // Escape asks from inside its own key press: a prompt opened before that press
      // has finished travelling through the page would be cancelled by it.
      await new Promise((resolve) => setTimeout(resolve))
      return await prompt({
        title: "Leave without saving?",
        description: "Your changes to this campaign are lost.",
        confirmText: "Leave",
        cancelText: "Keep editing",
        variant: "danger",
      })
    }
    return () => {
      guard.current = null
    }
  }, [guard, draft, saved, initial, prompt])

  return (
    // A click beside the modal must not throw the draft away.
    <FocusModal.Content data-testid="campaign-wizard" onInteractOutside={(event) => event.preventDefault()}>
      {/* Medusa's FocusModal.Title drops its className: the hidden span carries it. */}
      <FocusModal.Title asChild>
        <span className="sr-only">{campaign ? `Edit ${campaign.name}` : "Create campaign"}</span>
      </FocusModal.Title>
      <FocusModal.Description className="sr-only">
        Choose the audience, the email, an optional A/B test and when it sends.
      </FocusModal.Description>
      <ProgressTabs
        value={step}
        onValueChange={(value) => goTo(value as WizardStep)}
        className="flex h-full flex-col overflow-hidden"
      >
        <FocusModal.Header>
          <div className="-my-2 w-full border-l">
            <ProgressTabs.List className="flex w-full items-center justify-start">
              {WIZARD_STEPS.map((of) => (
                <ProgressTabs.Trigger
                  key={of}
                  value={of}
                  status={statusOf(of)}
                  className="max-w-[200px] truncate"
                  data-testid={`campaign-step-${of}`}
                >
                  {STEP_LABELS[of]}
                </ProgressTabs.Trigger>
              ))}
            </ProgressTabs.List>
          </div>
        </FocusModal.Header>
        <FocusModal.Body className="size-full overflow-hidden">
          {general.length > 0 && (
            <div className="mx-auto max-w-[960px] px-6 pt-6">
              <GeneralIssues issues={general} />
            </div>
          )}
          <ProgressTabs.Content value="audience" className="size-full overflow-y-auto">
            <AudienceStep
              draft={draft}
              onChange={change}
              segments={segments}
              segmentsLoading={segmentsLoading}
              audience={audience}
              issues={issuesOf("audience")}
            />
          </ProgressTabs.Content>
          <ProgressTabs.Content value="content" className="size-full overflow-y-auto">
            <ContentStep
              draft={draft}
              onChange={change}
              templates={templates}
              templatesLoading={templatesLoading}
              issues={issuesOf("content")}
            />
          </ProgressTabs.Content>
          <ProgressTabs.Content value="ab_test" className="size-full overflow-y-auto">
            <AbTestStep
              draft={draft}
              onChange={change}
              templates={templates}
              audience={audience.count}
              issues={issuesOf("ab_test")}
            />
          </ProgressTabs.Content>
          <ProgressTabs.Content value="schedule" className="size-full overflow-y-auto">
            <ScheduleStep
              draft={draft}
              onChange={change}
              segments={segments}
              templates={templates}
              audience={audience.count}
              issues={issuesOf("schedule")}
              now={now}
            />
          </ProgressTabs.Content>
        </FocusModal.Body>
      </ProgressTabs>
      <FocusModal.Footer className="justify-between">
        <Text size="small" className="text-ui-fg-subtle" data-testid="campaign-wizard-progress">
          Step {stepIndex + 1} of {WIZARD_STEPS.length}
        </Text>
        <div className="flex items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={requestClose} disabled={isBusy}>
            Cancel
          </Button>
          <Button
            size="small"
            variant="secondary"
            onClick={() => void saveDraft()}
            isLoading={(create.isPending || update.isPending) && !schedule.isPending}
            disabled={isBusy}
            data-testid="campaign-save-draft"
          >
            {saved && saved.status !== "draft" ? "Save changes" : "Save draft"}
          </Button>
          {isLast ? (
            <Button
              size="small"
              onClick={() => void confirm()}
              isLoading={isBusy}
              data-testid="campaign-confirm"
            >
              {draft.send === "now" ? "Send now" : "Schedule campaign"}
            </Button>
          ) : (
            <Button size="small" onClick={next} disabled={isBusy} data-testid="campaign-continue">
              Continue
            </Button>
          )}
        </div>
      </FocusModal.Footer>
    </FocusModal.Content>
  )
}

/**
 * Creates or edits a campaign step by step, as Medusa's own create flows
 * do: audience (with its live size), content, an optional A/B test, and
 * when it sends. Drafts can be saved from any step; the server's
 * refusals are shown on the step of the field they name.
 */
export const CampaignWizard = ({ open, onOpenChange, ...props }: CampaignWizardProps) => {
  const guard: CloseGuard = useRef(null)

  // Escape, the close button and Cancel all come here: each asks before losing changes.
  const changeOpen = async (next: boolean) => {
    if (!next && guard.current && !(await guard.current())) {
      return
    }
    onOpenChange(next)
  }

  return (
    <FocusModal open={open} onOpenChange={(next) => void changeOpen(next)}>
      {/* Mounted only while open, so each opening starts from the campaign as stored. */}
      {open && (
        <WizardForm
          {...props}
          guard={guard}
          close={() => onOpenChange(false)}
          requestClose={() => void changeOpen(false)}
        />
      )}
    </FocusModal>
  )
}
