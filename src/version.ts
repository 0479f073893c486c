/** This simulator's release, shown in `/_mock/health` and `X-Mongodb-Service-Version`. */
export const SIMULATOR_VERSION = '0.1.0';
