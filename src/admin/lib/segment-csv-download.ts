/**
 * The name the server gave a download in `Content-Disposition`, or
 * `fallback` when it gave none.
 */
export const filenameFromDisposition = (header: string | null | undefined, fallback: string): string => {
  const encoded = /filename\*=UTF-8''([^;]+)/i.exec(header ?? "")
  if (encoded) {
    try {
      return decodeURIComponent(encoded[1].trim())
    } catch {
      // A malformed escape: try the plain form.
    }
  }
  const plain = /filename="?([^";]+)"?/i.exec(header ?? "")
  return plain ? plain[1].trim() : fallback
}

/** Hands a fetched file to the browser's downloads, as a link with `download` would. */
export const saveBlob = (blob: Blob, filename: string) => {
  const url = URL.createObjectURL(blob)
  const link = document.createElement("a")
  link.href = url
  link.download = filename
  link.style.display = "none"
  document.body.appendChild(link)
  link.click()
  link.remove()
  // Revoking at once can cancel a download the browser has not started reading.
  setTimeout(() => URL.revokeObjectURL(url), 10_000)
}
