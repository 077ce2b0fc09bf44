// The Agent Gateway's URL rules, in one place: its URL for a workspace, recognising it (and Tray's
// Headless MCP server), which hosts are this machine, and how a URL is shown (never userinfo, query
// values masked: a URL may carry a secret). doctor, setup, explain and the network layer use these.
import { BlockList, isIP } from 'node:net';
import { isUuid } from '../lib/uuid.js';

/** The Agent Gateway URL for a workspace. */
export function gatewayUrl(workspaceId: string): string {
  return `https://${workspaceId.toLowerCase()}.mcp.tray.ai`;
}

/** `<label>.mcp.tray.ai` (a trailing dot allowed): the label, else undefined. The label is the workspace id when it is a UUID. */
export function workspaceLabelOf(hostname: string): string | undefined {
  return /^([^.]+)\.mcp\.tray\.ai\.?$/i.exec(hostname)?.[1];
}

/** https://{uuid}.mcp.tray.ai (any path), on the default port, without user name or password. */
export function isGatewayUrl(url: URL): boolean {
  const label = workspaceLabelOf(url.hostname);
  return url.protocol === 'https:' && label !== undefined && isUuid(label) && url.port === '' && !url.username && !url.password;
}

/**
 * Tray's Headless MCP server (OAuth2, no token in the config): https://api.tray.io/mcp and the
 * regional API hosts (api.eu1.tray.io, api.ap1.tray.io, …). A Tray server, but not the Agent Gateway.
 */
export function isHeadlessHost(hostname: string): boolean {
  return /^api(?:\.[a-z]{2}\d)?\.tray\.io\.?$/i.test(hostname);
}

export function isHeadlessUrl(url: URL): boolean {
  return url.protocol === 'https:' && isHeadlessHost(url.hostname) && /^\/mcp\/?$/.test(url.pathname) && url.port === '' && !url.username && !url.password;
}

/** A URL (or URL-ish text) that points at a tray.ai / tray.io host. */
export function urlLooksTray(raw: string | undefined): boolean {
  if (!raw) return false;
  const host = hostOf(raw);
  if (host !== undefined) return /(?:^|\.)tray\.(?:ai|io)$/.test(host);
  return /(?:^|[./@])tray\.(?:ai|io)\b/i.test(raw);
}

function hostOf(raw: string): string | undefined {
  try {
    return new URL(raw.trim()).hostname.toLowerCase().replace(/\.$/, '');
  } catch {
    return undefined;
  }
}

let loopbackList: BlockList | undefined;
/** Built at the first address to check: node:net (and Node's stream modules) load only then. */
function loopback(): BlockList {
  if (!loopbackList) {
    loopbackList = new BlockList();
    loopbackList.addSubnet('127.0.0.0', 8, 'ipv4');
    loopbackList.addAddress('::1', 'ipv6');
    loopbackList.addSubnet('::ffff:127.0.0.0', 104, 'ipv6');
  }
  return loopbackList;
}

/** 127.0.0.0/8, ::1 (and IPv4-mapped ::ffff:127.x), `localhost` and `*.localhost`; a trailing dot allowed. */
export function isLoopbackHost(hostname: string): boolean {
  const h = hostname.replace(/^\[|\]$/g, '').toLowerCase().replace(/\.$/, '');
  if (h === 'localhost' || h.endsWith('.localhost')) return true;
  const family = isIP(h);
  if (family === 4) return loopback().check(h, 'ipv4');
  if (family === 6) return loopback().check(h, 'ipv6');
  return false;
}

/** path + query with every query value masked (`/messages?sessionId=…`). */
export function displayPath(url: URL): string {
  const params = [...url.searchParams.keys()];
  const query = params.length ? '?' + params.map((k) => `${encodeURIComponent(k)}=…`).join('&') : '';
  return url.pathname + query;
}

/**
 * A URL safe to show: origin + path (+ masked query), never userinfo or fragment. Text that is not
 * a URL is shown trimmed and cut at 80 characters.
 */
export function displayUrl(url: URL | string): string {
  let u: URL;
  if (typeof url === 'string') {
    try {
      u = new URL(url.trim());
    } catch {
      const t = url.trim();
      return t.length > 80 ? `${t.slice(0, 77)}…` : t;
    }
  } else u = url;
  if (u.protocol !== 'http:' && u.protocol !== 'https:') return `${u.protocol}//${u.host}${u.pathname}`;
  return u.origin + (u.pathname === '/' && !u.search ? '' : displayPath(u));
}
