/** Contacts are keyed by email; case and surrounding spaces never make a second contact. */
export function normalizeEmail(email: string | null | undefined): string {
  return (email ?? "").trim().toLowerCase()
}

// Deliberately permissive (RFC 5322 allows far more than most validators
// accept); it rejects what cannot be delivered, not what looks unusual.
const EMAIL_PATTERN = /^[^\s@]+@[^\s@]+\.[^\s@]+$/

export function isDeliverableEmail(email: string | null | undefined): boolean {
  const normalized = normalizeEmail(email)
  return normalized.length <= 254 && EMAIL_PATTERN.test(normalized)
}
