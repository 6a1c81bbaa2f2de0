import { Container, Heading, Input, Text, Textarea } from "@medusajs/ui"
import type { ReactNode } from "react"
import { Link } from "react-router-dom"
import type { DraftContent } from "../../lib/template-draft"
import type { ContentErrorField } from "../../lib/template-errors"
import { FormField } from "../form-field"
import { MjmlEditor } from "../mjml-editor"
import { VariablesHelp } from "./variables-help"

type ContentSectionProps = {
  content: DraftContent
  onChange: (patch: Partial<DraftContent>) => void
  readOnly?: boolean
  /** The server's complaints about the content, by the field each is about (see `contentErrors`). */
  errors?: Partial<Record<ContentErrorField, string>>
  /** Shown above the fields, e.g. the notice for a past version. */
  notice?: ReactNode
}

const SENDER_FIELDS = [
  { key: "from_name", label: "From name", placeholder: "Store name" },
  {
    key: "from_email",
    label: "From email",
    placeholder: "hello@yourstore.com",
  },
  { key: "reply_to", label: "Reply-to", placeholder: "support@yourstore.com" },
] as const

/** Subject, preheader, sender and the MJML body: what a version is made of. */
export const ContentSection = ({
  content,
  onChange,
  readOnly = false,
  errors = {},
  notice,
}: ContentSectionProps) => {
  const error = errors.body
  return (
    <Container className="divide-y p-0" data-testid="template-content">
      <div className="px-6 py-4">
        <Heading level="h2">Content</Heading>
        <Text size="small" className="text-ui-fg-subtle">
          Saving changed content publishes a new version. Emails already
          queued keep the version they were created with.
        </Text>
      </div>
      {notice}
      <div className="flex flex-col gap-y-4 px-6 py-4">
        <FormField
          id="template-subject"
          label="Subject"
          hint="Personalise it with Liquid, e.g. {{ contact.first_name }}."
          error={errors.subject}
        >
          <Input
            id="template-subject"
            value={content.subject}
            onChange={(event) => onChange({ subject: event.target.value })}
            disabled={readOnly}
            aria-describedby={errors.subject ? "template-subject-error" : "template-subject-hint"}
            aria-invalid={Boolean(errors.subject)}
            data-testid="template-subject"
          />
        </FormField>
        <FormField
          id="template-preheader"
          label="Preheader"
          optional
          hint="The short line most inboxes show after the subject."
          error={errors.preheader}
        >
          <Input
            id="template-preheader"
            value={content.preheader}
            onChange={(event) => onChange({ preheader: event.target.value })}
            disabled={readOnly}
            aria-describedby={errors.preheader ? "template-preheader-error" : "template-preheader-hint"}
            aria-invalid={Boolean(errors.preheader)}
            data-testid="template-preheader"
          />
        </FormField>
        <div className="flex flex-col gap-y-2">
          <div className="grid grid-cols-1 gap-4 md:grid-cols-3">
            {SENDER_FIELDS.map((field) => (
              <FormField
                key={field.key}
                id={`template-${field.key}`}
                label={field.label}
                optional
                error={errors[field.key]}
              >
                <Input
                  id={`template-${field.key}`}
                  type={field.key === "from_name" ? "text" : "email"}
                  value={content[field.key]}
                  placeholder={field.placeholder}
                  onChange={(event) =>
                    onChange({ [field.key]: event.target.value })
                  }
                  disabled={readOnly}
                  aria-invalid={Boolean(errors[field.key])}
                  aria-describedby={errors[field.key] ? `template-${field.key}-error` : undefined}
                  data-testid={`template-${field.key}`}
                />
              </FormField>
            ))}
          </div>
          <Text size="small" className="text-ui-fg-subtle">
            Leave these empty to use the sender from{" "}
            <Link
              to="/marketing/settings"
              className="text-ui-fg-interactive hover:text-ui-fg-interactive-hover"
            >
              Email settings
            </Link>
            .
          </Text>
        </div>
        <div className="flex flex-col gap-y-2">
          <Text
            as="div"
            size="small"
            leading="compact"
            weight="plus"
            id="template-mjml-label"
          >
            Email body (MJML)
          </Text>
          <Text size="small" className="text-ui-fg-subtle">
            MJML builds emails that look right in every inbox. Use Liquid
            for personal details: <code>{"{{ contact.first_name }}"}</code>.
          </Text>
          <MjmlEditor
            value={content.mjml}
            onChange={(mjml) => onChange({ mjml })}
            readOnly={readOnly}
            invalid={Boolean(error)}
            aria-describedby={error ? "template-content-error" : undefined}
          />
          {error && (
            <div
              id="template-content-error"
              role="alert"
              className="bg-ui-bg-subtle shadow-borders-error txt-compact-small text-ui-fg-error whitespace-pre-wrap break-words rounded-md px-3 py-2 font-mono"
              data-testid="template-content-error"
            >
              {error}
            </div>
          )}
          <VariablesHelp />
        </div>
        <FormField
          id="template-text"
          label="Plain-text version"
          optional
          hint="Some people read email as plain text. Leave empty to generate it from the email above."
        >
          <Textarea
            id="template-text"
            value={content.text}
            rows={5}
            onChange={(event) => onChange({ text: event.target.value })}
            disabled={readOnly}
            className="font-mono"
          />
        </FormField>
      </div>
    </Container>
  )
}
