// SHA-256 checksums as journals write them: `sha256:` and 64 lowercase hex digits.
import { createHash } from 'node:crypto';

export function sha256Hex(data: string | Uint8Array): string {
  return createHash('sha256').update(data).digest('hex');
}

export function checksumOf(data: string | Uint8Array): string {
  return `sha256:${sha256Hex(data)}`;
}

/** The 32 digest bytes of a `sha256:` checksum (the Merkle leaf entry of its record). */
export function checksumBytes(checksum: string): Buffer {
  return Buffer.from(checksum.slice(7), 'hex');
}
