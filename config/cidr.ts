/** IPv4 CIDR parsing for settings validation: enough to check well-formedness, containment and overlap. */

export interface Ipv4Range {
  /** First address as an unsigned 32-bit number. */
  readonly start: number;
  /** Last address as an unsigned 32-bit number. */
  readonly end: number;
  readonly prefixLength: number;
}

const CIDR_PATTERN = /^(\d{1,3})\.(\d{1,3})\.(\d{1,3})\.(\d{1,3})\/(\d{1,2})$/;

/** Parses `a.b.c.d/n`; returns undefined when malformed or when host bits are set (e.g. 10.0.0.1/16). */
export function parseCidr(cidr: string): Ipv4Range | undefined {
  const match = CIDR_PATTERN.exec(cidr);
  if (!match) return undefined;
  const octets = match.slice(1, 5).map(Number);
  const prefixLength = Number(match[5]);
  if (octets.some((o) => o > 255) || prefixLength > 32) return undefined;
  const address = ((octets[0] << 24) | (octets[1] << 16) | (octets[2] << 8) | octets[3]) >>> 0;
  const size = 2 ** (32 - prefixLength);
  if (address % size !== 0) return undefined;
  return { start: address, end: address + size - 1, prefixLength };
}

export function contains(outer: Ipv4Range, inner: Ipv4Range): boolean {
  return inner.start >= outer.start && inner.end <= outer.end;
}

export function overlaps(a: Ipv4Range, b: Ipv4Range): boolean {
  return a.start <= b.end && b.start <= a.end;
}
