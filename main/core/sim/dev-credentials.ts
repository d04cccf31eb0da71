/**
 * The simulator's own development account and key. `/v1/auth` on the simulator accepts exactly
 * these (the signature header's r value must equal SIM_DEV_KEY); real Paradex never would.
 */
export const SIM_DEV_ACCOUNT = '0x5137d0c0ffee';
export const SIM_DEV_KEY = 'blackbox-sim-dev-key';
