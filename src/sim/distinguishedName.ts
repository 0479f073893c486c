/**
 * Distinguished names (RFC 4514, the successor of RFC 2253 that Atlas cites), the
 * usernames of LDAP and self-managed X.509 database users:
 * `CN=Dylan Bloggs,OU=Enterprise,OU=Sales,DC=Example,DC=COM`.
 */
export interface AttributeTypeAndValue {
  type: string;
  value: string;
}

/** One relative distinguished name: usually one attribute, several when joined with `+`. */
export type Rdn = AttributeTypeAndValue[];

const TYPE = /^(?:[A-Za-z][A-Za-z0-9-]*|\d+(?:\.\d+)*)$/;
const SPECIAL = new Set([',', '=', '+', '<', '>', '#', ';', '"', '\\']);
const HEX = /^[0-9A-Fa-f]{2}$/;

/**
 * Parses a DN into its RDNs, or returns null when it is not a DN. Spaces around the
 * separators are tolerated, as LDAP servers and Atlas's examples do.
 */
export function parseDn(text: string): Rdn[] | null {
  if (text.trim() === '') return null;
  const rdns: Rdn[] = [];
  let rdn: Rdn = [];
  let i = 0;
  const n = text.length;
  const skipSpaces = () => {
    while (i < n && text[i] === ' ') i++;
  };
  for (;;) {
    skipSpaces();
    const eq = text.indexOf('=', i);
    if (eq < 0) return null;
    const type = text.slice(i, eq).trim();
    if (!TYPE.test(type)) return null;
    i = eq + 1;
    skipSpaces();
    let value = '';
    if (text[i] === '#') {
      const m = /^#((?:[0-9A-Fa-f]{2})+)/.exec(text.slice(i));
      if (!m) return null;
      value = m[0];
      i += m[0].length;
    } else {
      const quoted = text[i] === '"';
      if (quoted) i++;
      // A quoted value ends at the closing quote; a plain one at the next separator, and
      // may hold `"`, `<` and `>` only escaped (RFC 4514 section 2.4).
      const ends = (c: string) => (quoted ? c === '"' : c === ',' || c === '+' || c === ';');
      // `\XX` escapes are UTF-8 bytes: gather consecutive ones and decode them together.
      let bytes: number[] = [];
      const flush = () => {
        if (bytes.length) value += Buffer.from(bytes).toString('utf8');
        bytes = [];
      };
      while (i < n && !ends(text[i]!)) {
        const c = text[i]!;
        if (c === '\\') {
          const esc = escapeAt(text, i);
          if (!esc) return null;
          if (esc.byte !== undefined) bytes.push(esc.byte);
          else (flush(), (value += esc.char));
          i = esc.next;
          continue;
        }
        if (!quoted && (c === '"' || c === '<' || c === '>')) return null;
        flush();
        value += c;
        i++;
      }
      flush();
      if (quoted) {
        if (text[i] !== '"') return null;
        i++;
      } else value = value.replace(/ +$/, '');
    }
    if (value === '') return null;
    rdn.push({ type, value });
    skipSpaces();
    if (i >= n) {
      rdns.push(rdn);
      return rdns;
    }
    const sep = text[i]!;
    i++;
    if (sep === '+') continue;
    if (sep === ',' || sep === ';') {
      rdns.push(rdn);
      rdn = [];
      continue;
    }
    return null;
  }
}

/** The escape at `i`: an escaped character, or one byte written as two hex digits. */
function escapeAt(text: string, i: number): { char: string; byte?: undefined; next: number } | { byte: number; next: number } | null {
  const next = text[i + 1];
  if (next === undefined) return null;
  const pair = text.slice(i + 1, i + 3);
  if (HEX.test(pair)) return { byte: parseInt(pair, 16), next: i + 3 };
  if (SPECIAL.has(next) || next === ' ') return { char: next, next: i + 2 };
  return null;
}

/**
 * Characters Atlas refuses in the attribute values of LDAP usernames: they are LDAP
 * search-filter metacharacters (RFC 4515), and the DN is substituted into the project's
 * LDAP query template.
 */
export function hasFilterMetacharacters(rdns: readonly Rdn[]): boolean {
  return rdns.some((rdn) => rdn.some((a) => /[*()\0]/.test(a.value)));
}
