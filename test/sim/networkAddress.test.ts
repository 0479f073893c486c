import { describe, expect, it } from 'vitest';
import { canonicalCidr, isNetworkAddress, parseAddress, parseBlock } from '../../src/sim/networkAddress.js';

const canonical = (text: string) => canonicalCidr(parseBlock(text)!);

describe('network addresses', () => {
  it('gives every way of writing an IPv6 block one text, Java’s getHostAddress form', () => {
    expect(canonical('2001:DB8:0:0::/32')).toBe('2001:db8:0:0:0:0:0:0/32');
    expect(canonical('2001:0db8:0000:0000:0000:0000:0000:0001')).toBe('2001:db8:0:0:0:0:0:1/128');
    expect(canonical('2001:db8::1:0:0:1/128')).toBe('2001:db8:0:0:1:0:0:1/128');
    expect(canonical('::/0')).toBe('0:0:0:0:0:0:0:0/0');
    expect(canonical('::ffff:192.0.2.1')).toBe('0:0:0:0:0:ffff:c000:201/128');
    expect(canonical('192.0.2.1')).toBe('192.0.2.1/32');
  });

  it('tells network addresses from blocks with host bits set', () => {
    expect(isNetworkAddress(parseBlock('10.0.0.0/24')!)).toBe(true);
    expect(isNetworkAddress(parseBlock('10.0.0.5/24')!)).toBe(false);
    expect(isNetworkAddress(parseBlock('2001:db8::/32')!)).toBe(true);
    expect(isNetworkAddress(parseBlock('2001:db8::1/64')!)).toBe(false);
    expect(isNetworkAddress(parseBlock('0.0.0.0/0')!)).toBe(true);
  });

  it('reads single addresses without a prefix or zone only', () => {
    expect(parseAddress('192.0.2.1')).not.toBeNull();
    expect(parseAddress('192.0.2.1/32')).toBeNull();
    expect(parseAddress('fe80::1%eth0')).toBeNull();
    expect(parseBlock('fe80::/10%eth0')).toBeNull();
  });
});
