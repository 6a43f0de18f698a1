/** Classifies what an operator wrote as a gateway address: an IPv4 or IPv6 address, or a DNS name. */
export type AddressVerdict =
  | { readonly ok: true; readonly kind: 'ipv4' | 'ipv6' | 'dns'; readonly unusable?: string; readonly internal?: string; readonly unqualified?: boolean }
  | { readonly ok: false; readonly problem: string; readonly hint: string };

export function classifyAddress(input: string): AddressVerdict {
  const s = input.trim();
  const scheme = /^([a-z][a-z0-9+.-]*):\/\/([^/:?#]+|\[[^\]]*\])/i.exec(s);
  if (scheme) {
    return { ok: false, problem: 'is a URL', hint: `write only the host, e.g. "${(scheme[2] ?? '').replace(/^\[|\]$/g, '')}"; the port goes in eastWest.port` };
  }
  if (s.includes('/')) return { ok: false, problem: 'contains "/"', hint: 'write a single IP address or DNS name, not a network range or path' };
  const bracketed = /^\[([^\]]+)\](?::([0-9]+))?$/.exec(s);
  if (bracketed) {
    return { ok: false, problem: 'has brackets or a port', hint: `write the bare IPv6 address "${bracketed[1] ?? ''}"; the port goes in eastWest.port` };
  }
  const hostPort = /^([^:]+):([0-9]+)$/.exec(s);
  if (hostPort) return { ok: false, problem: 'includes a port', hint: `write "${hostPort[1] ?? ''}" and put ${hostPort[2] ?? ''} in eastWest.port` };
  if (s.includes(':')) {
    if (s.includes('%')) return { ok: false, problem: 'has an IPv6 zone ("%...")', hint: 'zones are local to one host: use a global IPv6 address or a DNS name' };
    const v6 = parseIPv6(s);
    if (!v6) return { ok: false, problem: 'is not a valid IPv6 address', hint: 'check the address, e.g. "2001:db8::10"' };
    return { ok: true, kind: 'ipv6', unusable: ipv6Unusable(v6) };
  }
  const labels = s.split('.');
  if (labels.every((l) => /^[0-9]+$/.test(l))) {
    const v4 = parseIPv4(s);
    if (!v4) return { ok: false, problem: 'is not a valid IPv4 address', hint: 'write four numbers from 0 to 255 without leading zeros, e.g. "203.0.113.10"' };
    return { ok: true, kind: 'ipv4', unusable: ipv4Unusable(v4) };
  }
  if (s.endsWith('.')) return { ok: false, problem: 'ends with a dot', hint: `write "${s.slice(0, -1)}" without the trailing dot` };
  const name = s;
  if (name.length === 0 || name.length > 253) return { ok: false, problem: 'is not a DNS name', hint: 'write a DNS name of at most 253 characters, e.g. "eastwest.alpha.example.org"' };
  const bad = name.split('.').find((l) => !/^[A-Za-z0-9]([A-Za-z0-9-]{0,61}[A-Za-z0-9])?$/.test(l));
  if (bad !== undefined) {
    return { ok: false, problem: `is not a DNS name (label "${bad}")`, hint: 'use letters, digits and "-" in dot-separated labels of at most 63 characters, e.g. "eastwest.alpha.example.org"' };
  }
  const lower = name.toLowerCase();
  if (lower === 'localhost' || lower.endsWith('.localhost')) return { ok: true, kind: 'dns', unusable: 'names this machine only' };
  if (/\.(svc|svc\.cluster\.local|cluster\.local)$/.test(lower) || lower === 'cluster.local') {
    return { ok: true, kind: 'dns', internal: 'is a cluster-internal name that other clusters cannot resolve' };
  }
  return { ok: true, kind: 'dns', unqualified: !name.includes('.') };
}

function parseIPv4(s: string): number[] | undefined {
  const parts = s.split('.');
  if (parts.length !== 4) return undefined;
  const out: number[] = [];
  for (const p of parts) {
    if (!/^(0|[1-9][0-9]{0,2})$/.test(p)) return undefined;
    const n = Number(p);
    if (n > 255) return undefined;
    out.push(n);
  }
  return out;
}

function ipv4Unusable([a = 0, b = 0]: number[]): string | undefined {
  if (a === 127) return 'is a loopback address';
  if (a === 0) return 'is an unspecified ("this network") address';
  if (a === 169 && b === 254) return 'is a link-local address';
  if (a >= 224) return a < 240 ? 'is a multicast address' : 'is a reserved or broadcast address';
  return undefined;
}

/** Eight 16-bit groups, or undefined. Accepts "::" compression and a trailing dotted IPv4. */
function parseIPv6(s: string): number[] | undefined {
  let text = s;
  const lastColon = text.lastIndexOf(':');
  if (text.slice(lastColon + 1).includes('.')) {
    // A trailing dotted IPv4 (e.g. ::ffff:192.0.2.1) stands for the last two groups.
    const v4 = parseIPv4(text.slice(lastColon + 1));
    if (!v4) return undefined;
    const hex = (hi: number, lo: number) => ((hi << 8) | lo).toString(16);
    text = `${text.slice(0, lastColon + 1)}${hex(v4[0] ?? 0, v4[1] ?? 0)}:${hex(v4[2] ?? 0, v4[3] ?? 0)}`;
  }
  const halves = text.split('::');
  if (halves.length > 2) return undefined;
  const parse = (h: string): number[] | undefined => {
    if (h === '') return [];
    const groups = h.split(':');
    const out: number[] = [];
    for (const g of groups) {
      if (!/^[0-9A-Fa-f]{1,4}$/.test(g)) return undefined;
      out.push(parseInt(g, 16));
    }
    return out;
  };
  const head = parse(halves[0] ?? '');
  const rest = halves.length === 2 ? parse(halves[1] ?? '') : [];
  if (!head || !rest) return undefined;
  const explicit = head.length + rest.length;
  if (halves.length === 1) return explicit === 8 ? head : undefined;
  if (explicit > 7) return undefined;
  return [...head, ...new Array<number>(8 - explicit).fill(0), ...rest];
}

function ipv6Unusable(g: number[]): string | undefined {
  const first = g[0] ?? 0;
  if (g.every((x) => x === 0)) return 'is the unspecified address';
  if (g.slice(0, 7).every((x) => x === 0) && g[7] === 1) return 'is the loopback address';
  if ((first & 0xffc0) === 0xfe80) return 'is a link-local address';
  if ((first & 0xff00) === 0xff00) return 'is a multicast address';
  return undefined;
}
