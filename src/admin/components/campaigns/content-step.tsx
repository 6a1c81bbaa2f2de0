import { Container, Heading, Input, Select, Text } from "@medusajs/ui"
import { Link } from "react-router-dom"
import { useTemplate } from "../../hooks/api/templates"
import type { CampaignDraft } from "../../lib/campaign-draft"
import type { CampaignIssue } from "../../lib/campaign-issues"
import type { Template } from "../../lib/types"
import { FormField, SwitchField } from "../form-field"
import { CampaignPreview } from "./campaign-preview"
import { FieldIssues } from "./issue-hints"

type ContentStepProps = {
  draft: CampaignDraft
  onChange: (patch: Partial<CampaignDraft>) => void
  templates: Template[]
  templatesLoading: boolean
  issues: CampaignIssue[]
}

/** The template's own subject, as the hint under the override says what leaving it empty sends. */
const TemplateSubject = ({ templateId }: { templateId: string }) => {
  const { template } = useTemplate(templateId)
  const subject = template?.versions[0]?.subject
  return subject ? <>Leave empty to use the template's subject: “{subject}”.</> : <>Leave empty to use the template's subject.</>
}

/**
 * A template chosen here that has no saved version (or was deleted) is
 * still listed, so the choice does not silently change.
 */
const TemplateSelect = ({ draft, onChange, templates, templatesLoading }: Omit<ContentStepProps, "issues">) => {
  const known = templates.some((template) => template.id === draft.template_id)
  return (
    <Select
      value={draft.template_id || undefined}
      onValueChange={(template_id) => onChange({ template_id })}
      disabled={templatesLoading}
    >
      <Select.Trigger id="campaign-template" data-testid="campaign-template">
        <Select.Value placeholder={templatesLoading ? "Loading templates…" : "Choose a template"} />
      </Select.Trigger>
      <Select.Content>
        {templates.map((template) => (
          <Select.Item key={template.id} value={template.id}>
            {template.name}
          </Select.Item>
        ))}
        {draft.template_id && !known && !templatesLoading && (
          <Select.Item value={draft.template_id}>Unavailable template ({draft.template_id})</Select.Item>
        )}
      </Select.Content>
    </Select>
  )
}

/** Step 2: what the email says — a template, an optional subject of its own, and a preview. */
export const ContentStep = ({ draft, onChange, templates, templatesLoading, issues }: ContentStepProps) => (
  <div className="mx-auto grid w-full max-w-[1280px] grid-cols-1 gap-6 px-6 py-8 xl:grid-cols-[minmax(0,2fr)_minmax(0,3fr)]">
    <div className="flex min-w-0 flex-col gap-y-6">
      <div>
        <Heading level="h2">Content</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          The email it sends: one of your templates, as its latest version reads when the campaign starts.
        </Text>
      </div>
      <FormField
        id="campaign-template"
        label="Template"
        hint={
          <>
            Write and edit emails under{" "}
            <Link to="/marketing/templates" className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover">
              Templates
            </Link>
            .
          </>
        }
      >
        <TemplateSelect draft={draft} onChange={onChange} templates={templates} templatesLoading={templatesLoading} />
        <FieldIssues issues={issues} field="template_id" />
      </FormField>
      <FormField
        id="campaign-subject"
        label="Subject"
        optional
        hint={draft.template_id ? <TemplateSubject templateId={draft.template_id} /> : "Leave empty to use the template's subject."}
      >
        <Input
          id="campaign-subject"
          value={draft.subject}
          placeholder="{{ contact.first_name }}, spring is here"
          onChange={(event) => onChange({ subject: event.target.value })}
          data-testid="campaign-subject"
        />
        <FieldIssues issues={issues} field="subject" />
      </FormField>
      <SwitchField
        id="campaign-transactional"
        label="Transactional"
        description="Sent to every contact in the audience, without asking for marketing consent. Only for notices every customer must get, such as a change to your terms — never for promotions."
        checked={draft.transactional}
        onCheckedChange={(transactional) => onChange({ transactional })}
      />
      <FieldIssues issues={issues} field="transactional" />
    </div>
    <Container className="min-w-0 p-0" data-testid="campaign-content-preview">
      <div className="px-4 py-3">
        <Heading level="h3">Preview</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          With sample data.
        </Text>
      </div>
      {draft.template_id ? (
        <CampaignPreview templateId={draft.template_id} subject={draft.subject} />
      ) : (
        <Text size="small" className="text-ui-fg-muted px-4 pb-4">
          Choose a template to see it here.
        </Text>
      )}
    </Container>
  </div>
)
