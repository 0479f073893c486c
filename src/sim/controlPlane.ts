/**
 * What the API root reports about the simulated Atlas for Government control plane.
 *
 * Decision: the control plane of Atlas for Government runs in AWS GovCloud (US); its real
 * addresses are not published in the facts this simulator follows, so it reports
 * addresses of the documentation range 203.0.113.0/24 (RFC 5737), by the AWS region
 * names the document's example uses as keys. No client can reach them, which is the
 * point: an allow-list built from them works against the simulator and nowhere else.
 * Inbound addresses are where API requests arrive; outbound ones are where webhooks and
 * KMS calls come from.
 */
type ByRegion = Readonly<Record<string, readonly string[]>>;
type ByProvider = { readonly aws: ByRegion; readonly azure: ByRegion; readonly gcp: ByRegion };

export const CONTROL_PLANE_ADDRESSES: { readonly inbound: ByProvider; readonly outbound: ByProvider } = {
  inbound: {
    aws: { 'us-gov-east-1': ['203.0.113.10/32', '203.0.113.11/32'], 'us-gov-west-1': ['203.0.113.20/32', '203.0.113.21/32'] },
    azure: {},
    gcp: {},
  },
  outbound: {
    aws: { 'us-gov-east-1': ['203.0.113.130/32', '203.0.113.131/32'], 'us-gov-west-1': ['203.0.113.140/32', '203.0.113.141/32'] },
    azure: {},
    gcp: {},
  },
};

/**
 * The build the API root reports. Decision: a fixed 40-hex string in the shape of the
 * commit hash Atlas reports, so that answers stay byte-identical between runs.
 */
export const SIMULATOR_BUILD = '0000000000000000000000000000000000a71a5e';
