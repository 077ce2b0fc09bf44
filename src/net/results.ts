// From probe stages to check results: one result per server (subject = its origin), in plain words,
// with remedies most likely first. A stage that a failed earlier stage made pointless is a `skip`
// with details.blockedBy naming the check that failed for this server.
import type { CheckContext, CheckOutput, Result } from '../checks/types.js';
import { fingerprint } from '../lib/redact.js';
import { toolVersion } from '../version.js';
import type { AuthOutcome, HandshakeOutcome, Probe, ReachOutcome, ToolInfo, ToolsOutcome } from './probe.js';
import type { ProbeTarget } from './targets.js';

type Out = Omit<Result, 'check'>;

/** What each network check hands to the next: the probes (one per server). Never rendered. */
export interface NetworkData {
  probes: Probe[];
}

/** More than this many tools and selection degrades (the docs: noticeably beyond 15–20). */
export const TOOL_LIMIT = 15;
/** Names listed in a message at most; details carry all of them. */
const NAMES_IN_MESSAGE = 5;

export function noTargets(): Out {
  return {
    subject: 'network',
    status: 'skip',
    message: 'no Agent Gateway server to probe (add one with `tray-mcp setup`, or probe one with --url / --workspace-id)',
    details: { reason: 'no-targets' },
    remedies: [],
  };
}

/**
 * Await `p`, but give up when the check is aborted (timed out or cancelled). One listener on the
 * signal, removed as soon as `p` settles: await all of a check's probes through one call (see
 * stageResults), not one call per probe, or eleven servers mean eleven listeners on one signal.
 */
export function awaitStage<T>(p: Promise<T>, signal: AbortSignal): Promise<T> {
  const reason = () => (signal.reason instanceof Error ? signal.reason : new Error('aborted'));
  if (signal.aborted) return Promise.reject(reason());
  return new Promise<T>((resolve, reject) => {
    const onAbort = () => reject(reason());
    signal.addEventListener('abort', onAbort, { once: true });
    p.then(
      (v) => {
        signal.removeEventListener('abort', onAbort);
        resolve(v);
      },
      (e: unknown) => {
        signal.removeEventListener('abort', onAbort);
        reject(e);
      },
    );
  });
}

export function probeConfig(ctx: CheckContext) {
  return { timeoutMs: ctx.options.timeoutMs, vars: ctx.env.vars, version: toolVersion(), secrets: ctx.secrets };
}

/** Run one stage of every probe in the previous check's data, concurrently. */
export async function stageResults<T>(
  ctx: CheckContext,
  probes: Probe[],
  stage: (p: Probe) => Promise<T>,
  render: (target: ProbeTarget, outcome: T, probe: Probe) => Out,
): Promise<CheckOutput<NetworkData>> {
  if (probes.length === 0) return { results: [noTargets()], data: { probes } };
  const results = await awaitStage(Promise.all(probes.map(async (p) => render(p.target, await stage(p), p))), ctx.signal);
  return { results, data: { probes } };
}

const base = (t: ProbeTarget) => ({ subject: t.subject, client: t.client });
const sources = (t: ProbeTarget) => t.sources.map((s) => s.label);

/** A target that was deliberately not contacted (see targets.ts): the same skip in every network check. */
function notProbed(t: ProbeTarget): Out | undefined {
  if (!t.notProbed) return undefined;
  return {
    ...base(t),
    status: 'skip',
    message: t.notProbed.message,
    details: { reason: t.notProbed.reason, url: t.display, usedBy: sources(t) },
    remedies: [],
  };
}

function blocked(t: ProbeTarget, by: string | undefined, what: string): Out {
  const why: Record<string, string> = {
    reachability: 'the server could not be reached',
    authentication: 'authentication failed for this server',
    'mcp-handshake': 'the MCP handshake did not complete',
  };
  return {
    ...base(t),
    status: 'skip',
    message: `${what} not checked: ${why[by ?? ''] ?? `${by} failed`} (see ${by})`,
    details: { blockedBy: by, url: t.display },
    remedies: [],
  };
}

function crashed(t: ProbeTarget, crash: string): Out {
  return { ...base(t), status: 'error', message: `the probe of ${t.display} crashed: ${crash}`, details: { crash: true, url: t.display }, remedies: [] };
}

function ms(n: number | null | undefined): string {
  return n === null || n === undefined ? '–' : `${Math.round(n)} ms`;
}

// ── reachability ──────────────────────────────────────────────────────────────────────────────

export function reachResult(t: ProbeTarget, r: ReachOutcome): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (r.crash) return crashed(t, r.crash);
  const details: Record<string, unknown> = {
    url: t.display,
    usedBy: sources(t),
    proxy: r.proxy,
    ...(r.proxyBypassed ? { proxyBypassed: true } : {}),
    timings: r.timings,
    ...(r.address ? { address: r.address } : {}),
  };
  if (r.insecure) {
    return {
      ...base(t),
      status: 'fail',
      message: `${t.display} is plain http to a host that is not this machine: the token would cross the network unencrypted, so nothing was sent. Use the https:// URL (https://<workspace-id>.mcp.tray.ai)`,
      details: { ...details, reason: 'insecure-url' },
      remedies: ['insecure-url'],
    };
  }
  if (r.redirect) {
    const rd = r.redirect;
    const where = rd.location ?? 'a location it did not name';
    return {
      ...base(t),
      status: 'fail',
      message:
        `${t.display} answered with a redirect (HTTP ${rd.status}) to ${where}. tray-mcp does not follow redirects with your token, so nothing was sent ${rd.sameOrigin ? 'further' : 'there'}; ` +
        'configure the server’s real URL (https://<workspace-id>.mcp.tray.ai). A redirect to another site can also be a captive portal or a proxy’s login page',
      details: { ...details, phase: 'http', status: rd.status, redirect: { location: rd.location, origin: rd.targetOrigin, sameOrigin: rd.sameOrigin } },
      durationMs: r.timings.total,
      remedies: rd.sameOrigin ? ['workspace-id-invalid'] : ['workspace-id-invalid', 'proxy-misconfigured'],
    };
  }
  if (!r.ok && r.failure) {
    const f = r.failure;
    return {
      ...base(t),
      status: 'fail',
      message: f.message,
      details: { ...details, phase: f.phase, code: f.code, ...(f.proxyStatus ? { proxyStatus: f.proxyStatus } : {}) },
      durationMs: r.timings.total,
      remedies: f.remedies,
    };
  }
  const tm = r.timings;
  const phases = [
    tm.dns === null ? null : `dns ${ms(tm.dns)}`,
    `tcp ${ms(tm.tcp)}`,
    t.url.protocol === 'https:' ? `tls ${ms(tm.tls)}` : null,
    `http ${ms(tm.http)}`,
  ].filter(Boolean);
  const timingText = r.proxy ? `http ${ms(tm.http)}` : phases.join(' · ');
  return {
    ...base(t),
    status: 'pass',
    message: `${t.display} answered (HTTP ${r.status}) in ${ms(tm.total)} (${timingText})${r.proxy ? ` through the proxy ${r.proxy}` : ''}`,
    details: { ...details, status: r.status },
    durationMs: tm.total,
    remedies: [],
  };
}

// ── authentication ────────────────────────────────────────────────────────────────────────────

export function authResult(t: ProbeTarget, a: AuthOutcome): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (a.crash) return crashed(t, a.crash);
  if (a.state === 'blocked') return blocked(t, a.by, 'Token');
  const details: Record<string, unknown> = {
    url: t.display,
    status: a.status,
    tokenSent: a.tokenSent,
    ...(t.token ? { token: fingerprint(t.token) } : {}),
    ...(a.challenge ? { wwwAuthenticate: a.challenge.raw, ...(a.challenge.error ? { authError: a.challenge.error } : {}), ...(a.challenge.scope ? { scope: a.challenge.scope } : {}) } : {}),
    ...(a.serverSays ? { serverSays: a.serverSays } : {}),
  };
  if (a.state === 'failed' && (a.failure === 'no-answer' || a.failure === 'not-mcp')) {
    // The server accepted the request but gave no MCP answer: the token was never judged.
    return {
      ...base(t),
      status: 'fail',
      message: a.message ?? 'the server gave no MCP answer',
      details: { ...details, phase: 'http', reason: a.failure, ...(a.contentType ? { contentType: a.contentType } : {}) },
      remedies: a.remedies ?? ['server-unreachable'],
    };
  }
  if (a.state === 'unknown') {
    return { ...base(t), status: 'skip', message: `could not tell whether the token is accepted: ${a.reason ?? 'no answer'}`, details, remedies: [] };
  }
  if (a.state === 'ok') {
    return {
      ...base(t),
      status: 'pass',
      message: a.tokenSent
        ? `the token (${fingerprint(t.token)}) was accepted (HTTP ${a.status})`
        : `the server accepted a request without a token (HTTP ${a.status})`,
      details,
      remedies: [],
    };
  }
  if (a.status === 401) {
    if (!a.tokenSent) {
      return {
        ...base(t),
        status: 'fail',
        message: 'the server requires an API token (HTTP 401 Unauthorized) and none is configured for it: add `Authorization: Bearer <token>` to the entry (or pass --token / TRAY_MCP_API_TOKEN with --url)',
        details,
        remedies: ['token-missing', 'token-invalid-or-expired'],
      };
    }
    const said = a.challenge?.error ? ` (the server says: ${a.challenge.error})` : '';
    return {
      ...base(t),
      status: 'fail',
      message: `the server refused the token ${fingerprint(t.token)} (HTTP 401 Unauthorized)${said}: it is wrong, revoked or expired. Create a new API token in Tray, put it in the config, and restart the client`,
      details,
      remedies: ['token-invalid-or-expired', 'restart-client'],
    };
  }
  // 403
  const scope = a.challenge?.error === 'insufficient_scope';
  return {
    ...base(t),
    status: 'fail',
    message: scope
      ? `the token was recognised but lacks the permission this MCP server needs (HTTP 403, insufficient_scope${a.challenge?.scope ? `: needs ${a.challenge.scope}` : ''}): grant the user access in the MCP server’s Access Management tab, or use a token of a user who has it`
      : 'the token was recognised but access is refused (HTTP 403 Forbidden): the user is not granted access to this MCP server (Access Management tab), or is the wrong user type',
    details: { ...details, ...(scope ? { insufficientScope: true } : {}) },
    remedies: ['access-not-granted', 'tray-account-required'],
  };
}

// ── mcp-handshake ─────────────────────────────────────────────────────────────────────────────

export function handshakeResult(t: ProbeTarget, h: HandshakeOutcome, p: Probe, verbose: boolean): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (h.crash) return crashed(t, h.crash);
  if (h.state === 'blocked') return blocked(t, h.by, 'MCP handshake');
  const exchanges = verbose ? { exchanges: p.exchanges.map((e) => ({ ...e })) } : {};
  if (h.state === 'failed') {
    return {
      ...base(t),
      status: 'fail',
      message: h.message ?? 'the MCP handshake failed',
      details: {
        url: t.display,
        code: h.code,
        ...(h.protocolVersion ? { protocolVersion: h.protocolVersion } : {}),
        ...(h.supportedVersions ? { supportedVersions: h.supportedVersions } : {}),
        ...(h.fellBackFrom !== undefined ? { fellBackFrom: h.fellBackFrom } : {}),
        ...exchanges,
      },
      durationMs: h.ms,
      remedies: h.remedies ?? ['contact-support'],
    };
  }
  const who = h.server ? `${h.server.name} ${h.server.version}` : 'the server';
  const how =
    h.transport === 'sse'
      ? `the legacy HTTP+SSE transport (Streamable HTTP answered ${h.fellBackFrom}; clients that only speak Streamable HTTP will not connect)`
      : `Streamable HTTP${h.responseFormat === 'sse' ? ', responses framed as SSE' : ''}`;
  return {
    ...base(t),
    status: 'pass',
    message: `MCP handshake complete with ${who}: protocol ${h.protocolVersion ?? 'unknown'}, over ${how}`,
    details: {
      url: t.display,
      protocolVersion: h.protocolVersion,
      transport: h.transport,
      server: h.server,
      ...(h.responseFormat ? { responseFormat: h.responseFormat } : {}),
      ...(h.fellBackFrom !== undefined ? { fellBackFrom: h.fellBackFrom } : {}),
      ...exchanges,
    },
    durationMs: h.ms,
    remedies: [],
  };
}

// ── tool-visibility ───────────────────────────────────────────────────────────────────────────

const squash = (s: string) => s.toLowerCase().replace(/[^a-z0-9]+/g, '');

/** No description, one that only repeats the name/title, or one too short to tell the AI anything. */
export function lacksDescription(tool: ToolInfo): boolean {
  const d = (tool.description ?? '').trim();
  if (!d) return true;
  if (squash(d) === squash(tool.name) || (tool.title && squash(d) === squash(tool.title))) return true;
  return d.length < 12 || d.split(/\s+/).length < 3;
}

function nameList(names: string[]): string {
  const shown = names.slice(0, NAMES_IN_MESSAGE).join(', ');
  return names.length > NAMES_IN_MESSAGE ? `${shown} and ${names.length - NAMES_IN_MESSAGE} more` : shown;
}

/** Why the tools walk stopped before the server's last page, in plain words. */
function stoppedText(o: ToolsOutcome, count: number): string {
  const n = `${o.pages} page${o.pages === 1 ? '' : 's'}`;
  switch (o.truncatedBy) {
    case 'tools':
      return `stopped listing at ${count} tools (the most doctor keeps)`;
    case 'time':
      return `stopped listing after ${n}: the server took longer than the bound for the whole list (${stageBoundText(o)})`;
    case 'cursor':
      return `stopped listing after ${n}: the server sent a page cursor it had sent before (or one too long to send back)`;
    case 'size':
      return `stopped listing after ${n}: the next page was larger than an answer may be`;
    default:
      return `stopped listing after ${n} (the most doctor follows)`;
  }
}

function stageBoundText(o: ToolsOutcome): string {
  return o.ms !== undefined ? `${Math.round(o.ms)} ms` : 'the bound';
}

export function toolsResult(t: ProbeTarget, o: ToolsOutcome): Out {
  const skipped = notProbed(t);
  if (skipped) return skipped;
  if (o.crash) return crashed(t, o.crash);
  if (o.state === 'blocked') return blocked(t, o.by, 'Tools');
  const tools = o.tools ?? [];
  const details: Record<string, unknown> = { url: t.display, toolCount: tools.length, pages: o.pages, tools: tools.map((x) => x.name) };
  if (o.truncated) {
    details.truncated = true;
    if (o.truncatedBy) details.truncatedBy = o.truncatedBy;
  }
  if (o.state === 'failed' && !o.noCapability) {
    return { ...base(t), status: 'fail', message: o.message ?? 'tools/list failed', details: { ...details, code: o.code }, durationMs: o.ms, remedies: o.remedies ?? ['contact-support'] };
  }
  if (o.noCapability || tools.length === 0) {
    return {
      ...base(t),
      status: 'fail',
      message: o.noCapability
        ? 'the server offers no tools at all (it does not declare the tools capability): enable at least one Workflow or Connector tool on the MCP server'
        : 'tools/list is empty: no tool is enabled on this MCP server. Enable at least one tool (green indicator) in the Workflow tools or Connector tools tab, then reconnect the client',
      details,
      durationMs: o.ms,
      remedies: ['no-tools-enabled', 'client-tool-cache-stale'],
    };
  }
  const problems: string[] = [];
  const remedies: string[] = [];
  if (tools.length > TOOL_LIMIT) {
    problems.push(`${tools.length} tools: beyond ${TOOL_LIMIT}–20 tools, AI clients pick tools more slowly and less accurately; split them across MCP servers by use case or team`);
    remedies.push('too-many-tools');
  }
  const bare = tools.filter(lacksDescription).map((x) => x.name);
  if (bare.length) {
    details.missingDescriptions = bare;
    problems.push(
      `${bare.length} tool${bare.length === 1 ? ' has' : 's have'} no meaningful description (${nameList(bare)}): the AI chooses tools by their descriptions, so these get invoked wrongly or not at all`,
    );
    remedies.push('tool-description-missing');
  }
  if (o.truncated) problems.push(stoppedText(o, tools.length));
  if (problems.length) return { ...base(t), status: 'warn', message: problems.join('; '), details, durationMs: o.ms, remedies };
  return {
    ...base(t),
    status: 'pass',
    message: `${tools.length} tool${tools.length === 1 ? '' : 's'} visible${o.pages && o.pages > 1 ? ` (${o.pages} pages)` : ''}: ${nameList(tools.map((x) => x.name))}`,
    details,
    durationMs: o.ms,
    remedies: [],
  };
}
