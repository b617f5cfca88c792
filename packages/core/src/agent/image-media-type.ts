/**
 * The media type of image bytes from their first bytes, as the AI SDK detects it for image parts
 * (`detectMediaType` with its image signatures): GIF, PNG, JPEG, WebP, BMP, TIFF, AVIF, HEIC; an ID3 tag in
 * front is skipped. Base64 text is decoded only as far as the signatures need.
 */

/** `null` matches any byte. */
const SIGNATURES: readonly { readonly mediaType: string; readonly prefix: readonly (number | null)[] }[] = [
  { mediaType: 'image/gif', prefix: [0x47, 0x49, 0x46] },
  { mediaType: 'image/png', prefix: [0x89, 0x50, 0x4e, 0x47] },
  { mediaType: 'image/jpeg', prefix: [0xff, 0xd8] },
  { mediaType: 'image/webp', prefix: [0x52, 0x49, 0x46, 0x46, null, null, null, null, 0x57, 0x45, 0x42, 0x50] },
  { mediaType: 'image/bmp', prefix: [0x42, 0x4d] },
  { mediaType: 'image/tiff', prefix: [0x49, 0x49, 0x2a, 0x00] },
  { mediaType: 'image/tiff', prefix: [0x4d, 0x4d, 0x00, 0x2a] },
  { mediaType: 'image/avif', prefix: [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x61, 0x76, 0x69, 0x66] },
  { mediaType: 'image/heic', prefix: [0, 0, 0, 0x20, 0x66, 0x74, 0x79, 0x70, 0x68, 0x65, 0x69, 0x63] },
];

const SNIFF_BYTES = 18;
const MAX_ID3_TAG_BYTES = 128 * 1024;
const ID3_SCAN_BYTES = MAX_ID3_TAG_BYTES + 12;

/** The detected image media type of `data` (bytes, or base64 text), or `undefined` when no signature matches. */
export function detectImageMediaType(data: Uint8Array | string): string | undefined {
  let bytes = prefixOf(data, SNIFF_BYTES);
  if (bytes.length > 10 && bytes[0] === 0x49 && bytes[1] === 0x44 && bytes[2] === 0x33) {
    // An ID3 tag: its syncsafe size is in bytes 6–9.
    const tagged = prefixOf(data, ID3_SCAN_BYTES);
    const size =
      (((tagged[6] ?? 0) & 0x7f) << 21) |
      (((tagged[7] ?? 0) & 0x7f) << 14) |
      (((tagged[8] ?? 0) & 0x7f) << 7) |
      ((tagged[9] ?? 0) & 0x7f);
    bytes = tagged.subarray(size + 10);
  }
  for (const { mediaType, prefix } of SIGNATURES) {
    if (bytes.length >= prefix.length && prefix.every((byte, index) => byte === null || bytes[index] === byte)) {
      return mediaType;
    }
  }
  return undefined;
}

function prefixOf(data: Uint8Array | string, maxBytes: number): Uint8Array {
  if (typeof data !== 'string') return data.length > maxBytes ? data.subarray(0, maxBytes) : data;
  const text = data.substring(0, Math.min(data.length, Math.ceil(maxBytes / 3) * 4));
  const bytes = Buffer.from(text, 'base64');
  return bytes.length > maxBytes ? bytes.subarray(0, maxBytes) : bytes;
}
