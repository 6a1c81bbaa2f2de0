const CROCKFORD = "0123456789ABCDEFGHJKMNPQRSTVWXYZ"

/**
 * The smallest ULID created at or after `time`. Medusa ids are
 * `<prefix>_<ULID>` and ULIDs sort by creation time, so `id > floor` reads
 * "created since" through the primary key index.
 */
export function ulidFloor(time: Date): string {
  let ms = Math.max(0, Math.floor(time.getTime()))
  let encoded = ""
  for (let i = 0; i < 10; i++) {
    encoded = CROCKFORD[ms % 32] + encoded
    ms = Math.floor(ms / 32)
  }
  return encoded + "0".repeat(16)
}
