// The Huawei Cloud regions Workspace runs in: endpoints are derived from them (endpoint.ts), settings name them.
/** The Workspace regions the Huawei Cloud SDKs list, plus na-mexico-1 from Huawei's docs. */
export const REGIONS = [
  'cn-east-3', 'cn-north-4', 'cn-south-1', 'cn-southwest-2', 'la-south-2', 'sa-brazil-1', 'la-north-2',
  'ap-southeast-3', 'cn-north-9', 'ap-southeast-1', 'cn-east-5', 'me-east-1', 'af-south-1', 'tr-west-1',
  'cn-north-11', 'af-north-1', 'ap-southeast-2', 'eu-west-101', 'na-mexico-1',
] as const;
export type Region = (typeof REGIONS)[number];
