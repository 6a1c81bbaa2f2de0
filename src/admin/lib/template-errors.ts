/** The editor's fields a save or preview error can be about; `body` is the MJML and anything unnamed. */
export type ContentErrorField = "subject" | "preheader" | "from_name" | "from_email" | "reply_to" | "body"

const NAMED = /^(?:content\.)?(subject|preheader|from_name|from_email|reply_to)\b:?\s*/

/**
 * Splits the server's complaint about a template's content ("Invalid
 * template: subject line 1: …; mjml line 3: …", or a field's validation
 * message) by the field each part names, so each shows under its own input.
 * Under its own input a part no longer needs the field's name; the body's
 * parts keep theirs, as they tell the MJML from the text part.
 */
export function contentErrors(message: string | null | undefined): Partial<Record<ContentErrorField, string>> {
  if (!message) {
    return {}
  }
  const parts = message
    .replace(/^Invalid (?:template|request):\s*/, "")
    .split(/;\s+/)
    .filter(Boolean)
  const errors: Partial<Record<ContentErrorField, string>> = {}
  for (const part of parts) {
    const named = NAMED.exec(part)
    const field = (named?.[1] as ContentErrorField | undefined) ?? "body"
    const text = named ? capitalize(part.slice(named[0].length)) : part
    errors[field] = errors[field] ? `${errors[field]}; ${text}` : text
  }
  return errors
}

const capitalize = (text: string) => text.charAt(0).toUpperCase() + text.slice(1)
