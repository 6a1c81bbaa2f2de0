import { STARTER_CONTENT } from "./starter-content"
import type {
  TemplateContent,
  TemplateVersion,
  TemplateWithVersions,
  UpdateTemplatePayload,
} from "./types"

/** Everything the template editor lets a merchant change, as typed. */
export type TemplateDraft = {
  name: string
  description: string
  topic: string | null
  transactional: boolean
  content: DraftContent
}

/** Content with "" for an empty optional field, as inputs hold it. */
export type DraftContent = { [K in keyof TemplateContent]: string }

export const contentToDraft = (
  content: TemplateContent | TemplateVersion
): DraftContent => ({
  subject: content.subject ?? "",
  preheader: content.preheader ?? "",
  mjml: content.mjml ?? "",
  text: content.text ?? "",
  from_name: content.from_name ?? "",
  from_email: content.from_email ?? "",
  reply_to: content.reply_to ?? "",
})

export const draftFromTemplate = (
  template: TemplateWithVersions
): TemplateDraft => ({
  name: template.name,
  description: template.description ?? "",
  topic: template.topic,
  transactional: template.transactional,
  content: contentToDraft(template.versions[0] ?? STARTER_CONTENT),
})

const orNull = (value: string) => (value.trim() ? value : null)

/** The API's content: empty optional fields are null, so they fall back. */
export const draftToContent = (content: DraftContent): TemplateContent => ({
  subject: content.subject,
  preheader: orNull(content.preheader),
  mjml: content.mjml,
  text: orNull(content.text),
  from_name: orNull(content.from_name.trim()),
  from_email: orNull(content.from_email.trim()),
  reply_to: orNull(content.reply_to.trim()),
})

const sameContent = (a: DraftContent, b: DraftContent) =>
  (Object.keys(a) as (keyof DraftContent)[]).every((key) => a[key] === b[key])

export const contentChanged = (
  draft: TemplateDraft,
  saved: TemplateDraft
): boolean => !sameContent(draft.content, saved.content)

export const draftChanged = (
  draft: TemplateDraft,
  saved: TemplateDraft
): boolean =>
  draft.name !== saved.name ||
  draft.description !== saved.description ||
  draft.topic !== saved.topic ||
  draft.transactional !== saved.transactional ||
  contentChanged(draft, saved)

/**
 * What Save sends. Content goes only when it changed, because every
 * content update publishes a new version.
 */
export const draftToUpdate = (
  draft: TemplateDraft,
  saved: TemplateDraft
): UpdateTemplatePayload => ({
  name: draft.name.trim(),
  description: orNull(draft.description),
  topic: draft.topic,
  transactional: draft.transactional,
  ...(contentChanged(draft, saved)
    ? { content: draftToContent(draft.content) }
    : {}),
})
