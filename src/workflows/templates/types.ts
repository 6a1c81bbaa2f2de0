export type TemplateContentInput = {
  subject: string
  preheader?: string | null
  mjml: string
  text?: string | null
  from_name?: string | null
  from_email?: string | null
  reply_to?: string | null
}
