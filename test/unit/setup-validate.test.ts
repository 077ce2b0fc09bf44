import { describe, it, expect } from 'vitest';
import { checkClient, checkName, checkToken, checkWorkspaceId } from '../../src/setup/validate.js';

const WS = '12345678-abcd-1234-ef56-0123456789ab';

describe('setup validation', () => {
  it('workspace id: a UUID (any case, trimmed) is lower-cased', () => {
    expect(checkWorkspaceId(` ${WS.toUpperCase()} `)).toEqual({ ok: true, value: WS });
  });

  it('workspace id: a pasted URL with exactly one UUID yields it, with a note', () => {
    const r = checkWorkspaceId(`https://app.tray.io/workspaces/${WS}/projects`);
    expect(r).toMatchObject({ ok: true, value: WS });
    expect(r.ok && r.note).toContain('from the URL');
    expect(checkWorkspaceId(`https://${WS}.mcp.tray.ai`)).toMatchObject({ ok: true, value: WS });
  });

  it('workspace id: anything else is refused with the expected shape', () => {
    for (const bad of ['', 'abc', `${WS}x`, WS.slice(0, -1), `https://x/${WS}/${WS.replace('1234', '9999')}`, `not a url ${WS}`]) {
      const r = checkWorkspaceId(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok && bad) expect(r.reason).toMatch(/UUID|empty/);
    }
  });

  it('token: trimmed; a "Bearer " prefix dropped with a note', () => {
    expect(checkToken('  abc.def-123  ')).toEqual({ ok: true, value: 'abc.def-123' });
    const r = checkToken('Bearer abc.def-123');
    expect(r).toMatchObject({ ok: true, value: 'abc.def-123' });
    expect(r.ok && r.note).toContain('Bearer');
  });

  it('token: empty, placeholders, inner spaces and control characters are refused without echoing the value', () => {
    for (const bad of ['', '   ', 'your-api-token-here', '<TOKEN>', '${TRAY_TOKEN}', 'xxxx', 'abc def', 'abc\u0007def', 'Bearer ']) {
      const r = checkToken(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok && bad.trim().length > 3) expect(r.reason).not.toContain(bad.trim());
    }
  });

  it('token: an unexpanded shell variable ($VAR, ${VAR}, %VAR%, $env:VAR) is refused, saying the shell did not expand it', () => {
    for (const bad of ['$TRAY_API_TOKEN', '${TRAY_API_TOKEN}', '%TRAY_API_TOKEN%', '$env:TRAY_API_TOKEN', 'Bearer $TRAY_API_TOKEN', ' %tray_token% ']) {
      const r = checkToken(bad);
      expect(r.ok, JSON.stringify(bad)).toBe(false);
      if (!r.ok) {
        expect(r.reason).toMatch(/not expanded|did not expand/);
        expect(r.reason).not.toContain('TRAY_API_TOKEN');
        expect(r.reason.toLowerCase()).not.toContain('tray_token');
      }
    }
    // at a prompt nothing expands variables: the reason says to paste the token itself
    const typed = checkToken('$TRAY_API_TOKEN', 'prompt');
    expect(!typed.ok && typed.reason).toMatch(/paste the token itself/);
    // a real token that merely contains $ or % is fine
    expect(checkToken('abc$def%123').ok).toBe(true);
  });

  it('token: wrapped in quotes (the shell passed them along) is refused without echoing it', () => {
    for (const bad of ["'tok123456789'", '"tok123456789"', '“tok123456789”', "'tok123456789", 'tok123456789"']) {
      const r = checkToken(bad);
      expect(r.ok, bad).toBe(false);
      if (!r.ok) {
        expect(r.reason).toMatch(/quote/);
        expect(r.reason).not.toContain('tok1234');
      }
    }
  });

  it('name: trimmed, non-empty, no control characters, at most 100 characters', () => {
    expect(checkName(' production-mcp ')).toEqual({ ok: true, value: 'production-mcp' });
    expect(checkName('my server (prod)')).toEqual({ ok: true, value: 'my server (prod)' });
    expect(checkName('').ok).toBe(false);
    expect(checkName('a\nb').ok).toBe(false);
    expect(checkName('x'.repeat(101)).ok).toBe(false);
  });

  it('name: __proto__, constructor and prototype are refused (JavaScript treats them specially; clients and doctor cannot see such a server)', () => {
    for (const bad of ['__proto__', ' constructor ', 'prototype']) {
      const r = checkName(bad);
      expect(r.ok, bad).toBe(false);
      expect(!r.ok && r.reason).toMatch(/special/);
    }
    expect(checkName('proto').ok).toBe(true);
  });

  it('client: every catalog id, any case; a few obvious aliases; others refused with the list', () => {
    for (const c of ['claude', 'claude-code', 'cursor', 'windsurf', 'vscode', 'cline']) expect(checkClient(c.toUpperCase())).toEqual({ ok: true, value: c });
    expect(checkClient('code')).toEqual({ ok: true, value: 'vscode' });
    expect(checkClient('claude-desktop')).toEqual({ ok: true, value: 'claude' });
    const r = checkClient('emacs');
    expect(r.ok).toBe(false);
    expect(!r.ok && r.reason).toContain('claude, claude-code, cursor, windsurf, vscode, cline');
  });
});
