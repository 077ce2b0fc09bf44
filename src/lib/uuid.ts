// Workspace ids are UUID-shaped: 8-4-4-4-12 hex digits. The product docs' own example
// (12345678-abcd-1234-ef56-0123456789ab) is not an RFC 4122 variant, so version/variant bits are not checked.
const UUID = /^[0-9a-f]{8}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{4}-[0-9a-f]{12}$/i;

export function isUuid(s: unknown): s is string {
  return typeof s === 'string' && UUID.test(s);
}
