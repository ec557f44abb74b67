import { lookup as dnsLookup, type LookupAddress, type LookupAllOptions, type LookupOneOptions } from 'node:dns';
import ipaddr from 'ipaddr.js';
import { FetchError } from '../domain/index.ts';

/**
 * Whether an address is on the public internet. Only ipaddr.js's `unicast` range passes: loopback,
 * RFC 1918, link-local, unique-local, CGNAT, multicast, broadcast, unspecified, reserved and the
 * IPv6 forms that embed an IPv4 address (mapped, 6to4, NAT64) are all refused.
 */
export function isPublicAddress(address: string): boolean {
  if (!ipaddr.isValid(address)) return false;
  return ipaddr.process(address).range() === 'unicast';
}

/** Whether an address may be connected to: public, or inside one of the CIDR ranges allowed. */
export type AddressCheck = (address: string) => boolean;

/**
 * Public addresses, and those in `allowedNetworks` (CIDR, e.g. an intranet's `10.20.0.0/16`): the
 * rest of the private ranges stay refused, a redirect into them too.
 */
export function addressCheck(allowedNetworks: readonly string[] = []): AddressCheck {
  const ranges = allowedNetworks.map((cidr) => ipaddr.parseCIDR(cidr));
  return (address) => {
    if (isPublicAddress(address)) return true;
    if (!ipaddr.isValid(address)) return false;
    const parsed = ipaddr.process(address);
    return ranges.some(([range, bits]) => range.kind() === parsed.kind() && parsed.match(range, bits));
  };
}

/** The refusal of a host whose connected address is not public: never retried, the config must change. */
export function privateAddressError(host: string, address: string): FetchError {
  const why = '(fetch.allowPrivateNetworks is off and fetch.allowedNetworks does not name it)';
  return new FetchError(`fetch: ${host} is at ${address}, a private or local address ${why}`, undefined, false);
}

/** An IP literal as it appears in a URL's hostname (IPv6 in brackets), or undefined for a name. */
export function ipLiteral(hostname: string): string | undefined {
  const bare = hostname.replace(/^\[(.*)\]$/, '$1');
  return ipaddr.isValid(bare) ? bare : undefined;
}

type LookupCallback = (error: NodeJS.ErrnoException | null, address: string | LookupAddress[], family?: number) => void;

/**
 * `dns.lookup` for `net.connect` that refuses a name resolving to an address the check refuses. The
 * socket connects to exactly the address checked here, so DNS rebinding cannot slip in between.
 */
export const checkedLookup = (allowed: AddressCheck) => (hostname: string, options: LookupOneOptions | LookupAllOptions, callback: LookupCallback) => {
  dnsLookup(hostname, { ...options, all: true }, (error, addresses) => {
    if (error) return callback(error, '');
    const refused = addresses.find((entry) => !allowed(entry.address));
    if (refused) return callback(privateAddressError(hostname, refused.address) as NodeJS.ErrnoException, '');
    if (options.all) return callback(null, addresses);
    const first = addresses[0];
    if (!first) return callback(Object.assign(new Error(`fetch: no address for ${hostname}`), { code: 'ENOTFOUND' }), '');
    callback(null, first.address, first.family);
  });
};
