import { Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useNavigate } from "react-router-dom"
import {
  useCreateSegment,
  useDeleteSegment,
  useSegmentPreview,
  useSegments,
  useUpdateSegment,
} from "../../hooks/api/segments"
import { useConfirmedDelete } from "../../hooks/use-confirmed-delete"
import { useDebouncedValue } from "../../hooks/use-debounced-value"
import { LEAVE_WITHOUT_ASKING, UnsavedChangesGuard } from "../unsaved-changes-guard"
import { pluralize } from "../../lib/format"
import { findIncomplete } from "../../lib/segment-conditions"
import {
  draftChanged,
  draftFromSegment,
  draftToCreate,
  draftToUpdate,
  newSegmentDraft,
  rulesChanged,
  saveState,
  type SegmentDraft,
} from "../../lib/segment-draft"
import { parseRuleIssue, type RuleIssue } from "../../lib/segment-issue"
import { segmentsUsing } from "../../lib/segment-references"
import { draftToRule, type GroupDraft } from "../../lib/segment-rule-tree"
import type { Segment } from "../../lib/segment-types"
import { RelativeTime } from "../relative-time"
import { RulesSection } from "./rules-section"
import { SegmentDetails } from "./segment-details"
import { SegmentPreview } from "./segment-preview"

/** How long the rules must stay unchanged before the preview asks the server. */
const PREVIEW_DELAY_MS = 400

const useDeleteWithConfirmation = (segment?: Segment) => {
  const { mutateAsync, isPending } = useDeleteSegment(segment?.id ?? "")
  const { segments } = useSegments({ limit: 200, offset: 0, fields: "id,name,rules" }, { enabled: !!segment })
  const remove = useConfirmedDelete({
    noun: "segment",
    name: segment?.name ?? "",
    description: () => {
      const users = segment ? segmentsUsing(segment.id, segments ?? []) : []
      return (
        `“${segment?.name}” and its member list are deleted.` +
        (users.length ? ` It is used in the rules of ${users.map((s) => `“${s.name}”`).join(", ")}.` : "")
      )
    },
    listPath: "/marketing/segments",
    remove: () => mutateAsync(),
  })
  return { remove, isDeleting: isPending }
}

/**
 * Creates or edits a segment: details and the rule builder beside a live
 * preview of who the rules match. Saving a new segment opens its page.
 */
export const SegmentEditor = ({ segment }: { segment?: Segment }) => {
  const navigate = useNavigate()
  const saved = useMemo(() => (segment ? draftFromSegment(segment) : newSegmentDraft()), [segment])
  const [draft, setDraft] = useState<SegmentDraft>(saved)
  const [showErrors, setShowErrors] = useState(false)
  const [saveIssue, setSaveIssue] = useState<RuleIssue | null>(null)
  const create = useCreateSegment()
  const update = useUpdateSegment(segment?.id ?? "")
  const { remove, isDeleting } = useDeleteWithConfirmation(segment)

  const changeRules = useCallback((change: (rules: GroupDraft) => GroupDraft) => {
    setSaveIssue(null)
    setDraft((current) => ({ ...current, rules: change(current.rules) }))
  }, [])

  const incomplete = useMemo(() => findIncomplete(draft.rules), [draft.rules])
  const rules = useMemo(() => draftToRule(draft.rules), [draft.rules])
  // null while a condition waits for a value: the server would only repeat what the builder shows.
  const previewRules = useDebouncedValue(incomplete ? null : rules, PREVIEW_DELAY_MS)
  const preview = useSegmentPreview(previewRules, { enabled: previewRules !== null, segmentId: segment?.id })
  const previewIssue = previewRules !== null && preview.error ? parseRuleIssue(preview.error.message) : null
  const issue = saveIssue ?? previewIssue

  const isNew = !segment
  const isDirty = isNew || draftChanged(draft, saved)
  const isSaving = create.isPending || update.isPending

  const onSaveError = (error: Error) => {
    const parsed = parseRuleIssue(error.message)
    if (parsed.path) {
      setSaveIssue(parsed)
    }
    toast.error(isNew ? "The segment was not created" : "The segment was not saved", {
      description: error.message,
    })
  }

  const save = () => {
    if (!draft.name.trim()) {
      setShowErrors(true)
      return
    }
    if (!segment) {
      create.mutate(draftToCreate(draft), {
        onSuccess: ({ segment: created }) => {
          toast.success("Segment created", {
            description: `${pluralize(created.member_count, "member", "members")} now.`,
          })
          navigate(`/marketing/segments/${created.id}`, { state: LEAVE_WITHOUT_ASKING })
        },
        onError: onSaveError,
      })
      return
    }
    update.mutate(draftToUpdate(draft, saved), {
      onSuccess: ({ segment: updated }) => {
        setDraft(draftFromSegment(updated))
        setSaveIssue(null)
        toast.success("Segment saved", {
          description: `${pluralize(updated.member_count, "member", "members")} now.`,
        })
      },
      onError: onSaveError,
    })
  }

  const waiting = incomplete
    ? incomplete.path.length === 0
      ? "Add a condition to see who matches."
      : "Fill in every condition to see who matches."
    : previewIssue
      ? "Fix the rules to see who matches."
      : null

  return (
    <div className="flex flex-col gap-y-3" data-testid="segment-editor">
      <UnsavedChangesGuard when={draftChanged(draft, saved)} />
      <Container className="flex flex-col gap-4 px-6 py-4 md:flex-row md:items-center md:justify-between">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Heading level="h1" className="break-all" data-testid="segment-title">
              {segment ? segment.name : "Create segment"}
            </Heading>
            {segment && (
              <Badge size="2xsmall" data-testid="segment-member-count">
                {pluralize(segment.member_count, "member", "members")}
              </Badge>
            )}
          </div>
          <Text size="small" className="text-ui-fg-subtle" role="status" data-testid="segment-save-state">
            {saveState({
              isNew,
              named: !!draft.name.trim(),
              hasRules: draft.rules.rules.length > 0,
              incomplete: !!incomplete,
              refused: !!issue,
              rulesChanged: !isNew && rulesChanged(draft.rules, saved.rules),
              changed: isDirty,
            })}
            {segment?.last_refreshed_at && !isDirty && (
              <>
                {" "}
                Refreshed <RelativeTime date={segment.last_refreshed_at} />.
              </>
            )}
          </Text>
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          {segment && (
            <Button
              size="small"
              variant="secondary"
              onClick={remove}
              isLoading={isDeleting}
              data-testid="segment-delete"
            >
              <Trash />
              Delete
            </Button>
          )}
          <Button
            size="small"
            onClick={save}
            isLoading={isSaving}
            disabled={!isDirty || !!incomplete || isSaving}
            data-testid="segment-save"
          >
            {isNew ? "Create segment" : "Save"}
          </Button>
        </div>
      </Container>

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,3fr)_minmax(0,2fr)]">
        <div className="flex min-w-0 flex-col gap-y-3">
          <SegmentDetails
            draft={draft}
            onChange={(patch) => setDraft((current) => ({ ...current, ...patch }))}
            showErrors={showErrors}
            customerGroupId={segment?.customer_group_id}
          />
          <RulesSection
            rules={draft.rules}
            onChange={changeRules}
            issue={issue}
            incomplete={incomplete}
            currentSegmentId={segment?.id}
          />
        </div>
        <div className="min-w-0 xl:sticky xl:top-3">
          <SegmentPreview
            preview={
              previewRules === null || previewIssue || preview.count === undefined
                ? undefined
                : { count: preview.count, sample: preview.sample ?? [] }
            }
            waiting={waiting}
            isLoading={preview.isPending}
            isUpdating={preview.isFetching || previewRules !== rules}
          />
        </div>
      </div>
    </div>
  )
}
