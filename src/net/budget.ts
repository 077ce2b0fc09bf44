// Time budgets of the network checks' stages, in multiples of --timeout (each network step is
// bounded by it). Kept apart from the probe so that loading a check's declaration stays cheap.

/** tools/list pages followed at most */
export const MAX_TOOL_PAGES = 20;

export const stageBudget = {
  reach: (t: number) => 4 * t + 500,
  auth: (t: number) => 2 * t + 500,
  handshake: (t: number) => 7 * t + 500,
  tools: (t: number) => MAX_TOOL_PAGES * 2 * t + 500,
};
