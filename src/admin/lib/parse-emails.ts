const EMAIL = /^[^\s@,;]+@[^\s@,;]+\.[^\s@,;]+$/

/**
 * Reads pasted addresses: one per line, or separated by commas, semicolons
 * or spaces (as spreadsheets and mail clients copy them). Duplicates are
 * dropped, case-insensitively; what is not an address is returned apart.
 */
export const parseEmails = (
  input: string
): { emails: string[]; invalid: string[] } => {
  const seen = new Set<string>()
  const emails: string[] = []
  const invalid: string[] = []
  for (const raw of input.split(/[\s,;]+/)) {
    // "Ana Lima <ana@example.com>" keeps only the address.
    const entry = raw.replace(/^<|>$/g, "").trim()
    if (!entry) {
      continue
    }
    if (!EMAIL.test(entry)) {
      invalid.push(entry)
      continue
    }
    const key = entry.toLowerCase()
    if (!seen.has(key)) {
      seen.add(key)
      emails.push(entry)
    }
  }
  return { emails, invalid }
}
