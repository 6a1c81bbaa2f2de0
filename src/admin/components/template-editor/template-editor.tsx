import { PaperPlane, Trash } from "@medusajs/icons"
import { Badge, Button, Container, Heading, Text, toast } from "@medusajs/ui"
import { useCallback, useMemo, useState } from "react"
import { useUpdateTemplate } from "../../hooks/api/templates"
import {
  contentChanged,
  contentToDraft,
  DraftContent,
  draftChanged,
  draftFromTemplate,
  draftToContent,
  draftToUpdate,
  TemplateDraft,
} from "../../lib/template-draft"
import type { TemplateWithVersions } from "../../lib/types"
import { contentErrors } from "../../lib/template-errors"
import { UnsavedChangesGuard } from "../unsaved-changes-guard"
import { ContentSection } from "./content-section"
import { DetailsSection } from "./details-section"
import { PastVersionNotice } from "./past-version-notice"
import { PreviewPanel } from "./preview-panel"
import { TestSendDialog } from "./test-send-dialog"
import { useDeleteTemplateWithConfirmation } from "./use-delete-template"
import { VersionHistory } from "./version-history"

/**
 * Edits a template: details, content and a live preview side by side.
 * Saving changed content publishes a new version; details alone do not.
 */
export const TemplateEditor = ({
  template,
}: {
  template: TemplateWithVersions
}) => {
  const saved = useMemo(() => draftFromTemplate(template), [template])
  const [draft, setDraft] = useState<TemplateDraft>(saved)
  const [viewing, setViewing] = useState<number | null>(null)
  const [previewProblem, setPreviewProblem] = useState<string | null>(null)
  const [saveProblem, setSaveProblem] = useState<string | null>(null)
  const [testOpen, setTestOpen] = useState(false)
  const { mutate: update, isPending: isSaving } = useUpdateTemplate(
    template.id
  )

  const latestVersion = template.versions[0]?.version ?? template.latest_version
  const viewedVersion =
    viewing === null
      ? null
      : (template.versions.find((v) => v.version === viewing) ?? null)
  const isDirty = draftChanged(draft, saved)
  const { remove, isDeleting } = useDeleteTemplateWithConfirmation(template)
  const nameMissing = !draft.name.trim()

  const changeDetails = (patch: Partial<TemplateDraft>) =>
    setDraft((current) => ({ ...current, ...patch }))

  const changeContent = (patch: Partial<DraftContent>) => {
    setSaveProblem(null)
    setDraft((current) => ({
      ...current,
      content: { ...current.content, ...patch },
    }))
  }

  const previewSource = useMemo(
    () =>
      viewing === null
        ? { content: draftToContent(draft.content) }
        : { version: viewing },
    [viewing, draft.content]
  )
  const onProblem = useCallback(
    (problem: string | null) => setPreviewProblem(problem),
    []
  )

  const save = () => {
    const payload = draftToUpdate(draft, saved)
    update(payload, {
      onSuccess: ({ template: updated }) => {
        const stored = draftFromTemplate(updated)
        // Unchanged content keeps its identity, so the preview does not
        // render the same email again.
        setDraft((current) => (draftChanged(current, stored) ? stored : current))
        setSaveProblem(null)
        const version = updated.versions[0]?.version ?? updated.latest_version
        toast.success(
          payload.content ? `Saved as version ${version}` : "Template saved",
          payload.content
            ? { description: "New emails use this version from now on." }
            : undefined
        )
      },
      onError: (error) => {
        if (payload.content) {
          setSaveProblem(error.message)
        }
        toast.error("The template was not saved", {
          description: error.message,
        })
      },
    })
  }

  const restore = () => {
    if (!viewedVersion) {
      return
    }
    changeContent(contentToDraft(viewedVersion))
    setViewing(null)
    toast.info(`Version ${viewedVersion.version} copied into the editor`, {
      description: "Save to publish it as a new version.",
    })
  }

  const problem = viewing === null ? (saveProblem ?? previewProblem) : null

  return (
    <div className="flex flex-col gap-y-3" data-testid="template-editor">
      <UnsavedChangesGuard when={isDirty} />
      <Container className="flex flex-col gap-4 px-6 py-4 md:flex-row md:items-center md:justify-between">
        <div className="flex min-w-0 flex-col gap-y-1">
          <div className="flex flex-wrap items-center gap-2">
            <Heading level="h1" className="break-all" data-testid="template-title">
              {template.name}
            </Heading>
            <Badge size="2xsmall" data-testid="template-version-badge">
              Version {latestVersion}
            </Badge>
            <Badge size="2xsmall" color={template.transactional ? "blue" : "grey"}>
              {template.transactional ? "Transactional" : "Marketing"}
            </Badge>
          </div>
          <Text
            size="small"
            className="text-ui-fg-subtle"
            role="status"
            aria-live="polite"
            data-testid="template-save-state"
          >
            {isDirty
              ? contentChanged(draft, saved)
                ? `Unsaved changes: saving publishes version ${latestVersion + 1}.`
                : "Unsaved changes."
              : "All changes saved."}
          </Text>
        </div>
        <div className="flex shrink-0 items-center gap-x-2">
          <Button size="small" variant="secondary" onClick={remove} isLoading={isDeleting} data-testid="template-delete">
            <Trash />
            Delete
          </Button>
          <Button
            size="small"
            variant="secondary"
            onClick={() => setTestOpen(true)}
            data-testid="template-test-send"
          >
            <PaperPlane />
            Send test email
          </Button>
          <Button
            size="small"
            onClick={save}
            isLoading={isSaving}
            disabled={!isDirty || nameMissing || isSaving}
            data-testid="template-save"
          >
            Save
          </Button>
        </div>
      </Container>

      <div className="grid grid-cols-1 items-start gap-3 xl:grid-cols-[minmax(0,5fr)_minmax(0,6fr)]">
        <div className="flex min-w-0 flex-col gap-y-3">
          <DetailsSection draft={draft} onChange={changeDetails} />
          <ContentSection
            content={
              viewedVersion ? contentToDraft(viewedVersion) : draft.content
            }
            onChange={changeContent}
            readOnly={viewedVersion !== null}
            errors={contentErrors(problem)}
            notice={
              viewedVersion && (
                <PastVersionNotice
                  version={viewedVersion}
                  onBack={() => setViewing(null)}
                  onRestore={restore}
                />
              )
            }
          />
          <VersionHistory
            versions={template.versions}
            viewing={viewing}
            onSelect={setViewing}
          />
        </div>
        <div className="min-w-0 xl:sticky xl:top-3">
          <PreviewPanel
            templateId={template.id}
            source={previewSource}
            onProblem={onProblem}
          />
        </div>
      </div>

      <TestSendDialog
        templateId={template.id}
        version={viewing ?? latestVersion}
        open={testOpen}
        onOpenChange={setTestOpen}
        hasUnsavedChanges={viewing === null && isDirty}
      />
    </div>
  )
}
