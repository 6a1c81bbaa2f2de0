/** A ready-made template a merchant can start from and then edit. */
export type StarterTemplate = {
  /** Stable identifier, e.g. "abandoned_cart". */
  key: string
  name: string
  description: string
  /**
   * Transactional email (a confirmation the recipient asked for) has no
   * unsubscribe footer and is sent regardless of marketing consent.
   */
  transactional: boolean
  subject: string
  preheader: string
  mjml: string
}
