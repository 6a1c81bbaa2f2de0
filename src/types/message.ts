export type MessageStatus = "queued" | "sending" | "sent" | "failed" | "suppressed" | "skipped"

/** One email to put in the outbox. */
export interface EnqueueMessageInput {
  contact_id: string
  template_version_id: string
  to_email: string
  /** What caused it: "flow_step", "campaign", "test", … */
  reason_type: string
  reason_id?: string | null
  transactional?: boolean
  /** Unique per real-world send, e.g. `flow:<run id>:<step id>` or `campaign:<id>:<contact id>`. */
  idempotency_key: string
  send_after?: Date | string
  /** Template data kept with the message and rendered at send time. */
  data?: Record<string, unknown> | null
}

export interface MessageRow {
  id: string
  contact_id: string
  template_version_id: string
  to_email: string
  reason_type: string
  reason_id: string | null
  transactional: boolean
  status: MessageStatus
  attempts: number
  failures: number
  send_after: Date
  claim_token: string | null
  idempotency_key: string
  data: Record<string, unknown> | null
}

export type SettleMessageInput =
  | { id: string; claim_token: string; status: "sent"; subject: string; notification_id?: string | null; provider_message_id?: string | null }
  | { id: string; claim_token: string; status: "queued"; send_after: Date; last_error?: string | null; send_failed?: boolean }
  | { id: string; claim_token: string; status: "failed" | "suppressed" | "skipped"; last_error: string; send_failed?: boolean }
