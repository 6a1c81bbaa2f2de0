/** 0.4 → "40%", and "<1%" rather than a misleading "0%" for a few contacts among many. */
export const formatShare = (share: number): string => {
  if (share <= 0) {
    return "0%"
  }
  if (share < 0.01) {
    return "<1%"
  }
  return `${Math.round(share * 100)}%`
}
