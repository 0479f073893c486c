import { describe, expect, it } from 'vitest';
import { hasFilterMetacharacters, parseDn } from '../../src/sim/distinguishedName.js';

describe('distinguished names (RFC 4514)', () => {
  it('reads RDNs with escapes, quotes, multi-valued RDNs and spaces around separators', () => {
    expect(parseDn('CN=Dylan Bloggs,OU=Enterprise,DC=Example,DC=COM')).toEqual([
      [{ type: 'CN', value: 'Dylan Bloggs' }],
      [{ type: 'OU', value: 'Enterprise' }],
      [{ type: 'DC', value: 'Example' }],
      [{ type: 'DC', value: 'COM' }],
    ]);
    expect(parseDn('CN=Smith\\, John, OU = People')).toEqual([[{ type: 'CN', value: 'Smith, John' }], [{ type: 'OU', value: 'People' }]]);
    expect(parseDn('CN="a, b";O=x')).toEqual([[{ type: 'CN', value: 'a, b' }], [{ type: 'O', value: 'x' }]]);
    expect(parseDn('CN=a+UID=b')).toEqual([[{ type: 'CN', value: 'a' }, { type: 'UID', value: 'b' }]]);
    expect(parseDn('2.5.4.3=#04024869,C=US')).toEqual([[{ type: '2.5.4.3', value: '#04024869' }], [{ type: 'C', value: 'US' }]]);
    expect(parseDn('CN=caf\\C3\\A9')).toEqual([[{ type: 'CN', value: 'café' }]]);
  });

  it('refuses what is not a DN', () => {
    for (const text of ['', 'plain', 'CN=', '=x', 'CN=a,', 'C N=a', 'CN=a<b', 'CN="open', 'CN=a\\']) expect(parseDn(text), text).toBeNull();
  });

  it('spots LDAP filter metacharacters in values', () => {
    expect(hasFilterMetacharacters(parseDn('CN=admin*,OU=x')!)).toBe(true);
    expect(hasFilterMetacharacters(parseDn('CN=a\\28b\\29')!)).toBe(true);
    expect(hasFilterMetacharacters(parseDn('CN=alice,OU=x')!)).toBe(false);
  });
});
