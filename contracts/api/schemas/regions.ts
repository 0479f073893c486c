/**
 * AWS region names as Atlas spells them (the `regionName` enums of AWS in the OpenAPI
 * document, shared by clusters, key management and private endpoints).
 */
export const AWS_REGIONS = [
  'US_GOV_WEST_1', 'US_GOV_EAST_1', 'US_EAST_1', 'US_EAST_2', 'US_WEST_1', 'US_WEST_2', 'CA_CENTRAL_1', 'EU_NORTH_1',
  'EU_WEST_1', 'EU_WEST_2', 'EU_WEST_3', 'EU_CENTRAL_1', 'EU_CENTRAL_2', 'AP_EAST_1', 'AP_NORTHEAST_1', 'AP_NORTHEAST_2',
  'AP_NORTHEAST_3', 'AP_SOUTHEAST_1', 'AP_SOUTHEAST_2', 'AP_SOUTHEAST_3', 'AP_SOUTHEAST_4', 'AP_SOUTH_1', 'AP_SOUTH_2',
  'SA_EAST_1', 'CN_NORTH_1', 'CN_NORTHWEST_1', 'ME_SOUTH_1', 'ME_CENTRAL_1', 'AF_SOUTH_1', 'EU_SOUTH_1', 'EU_SOUTH_2',
  'IL_CENTRAL_1', 'CA_WEST_1', 'AP_SOUTHEAST_5', 'AP_SOUTHEAST_7', 'MX_CENTRAL_1', 'GLOBAL',
] as const;
