/**
 * A value as one path segment of a link, encoded the way Atlas writes its links:
 * RFC 3986 `pchar`s stay as they are (so `$external`, `CN=a,OU=b` and the colons of an
 * ARN or IPv6 address read as sent), everything else is percent-encoded, `/` included
 * (recorded: `accessList/192.168.0.243%2F32`, `databaseUsers/admin/<idp>%2Fuser-332`).
 */
export function pathSegment(value: string): string {
  return encodeURIComponent(value).replace(/%(?:24|26|2B|2C|3A|3B|3D|40)/g, (m) => decodeURIComponent(m));
}
