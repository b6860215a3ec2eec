// The credentials the simulator accepts: a static token, tokens it issued through its IAM endpoint, and AK/SK
// pairs with the gateway's lock after repeated bad signatures. Time comes from the simulator's `now`.
import { randomBytes } from 'node:crypto';
import { isoWithMicroseconds } from './answers.js';
import { randomFor } from './random.js';

export interface SimulatorUser {
  readonly user: string;
  readonly password: string;
  readonly domain: string;
}

export interface SimulatorAccessKey {
  readonly ak: string;
  readonly sk: string;
  /** Set for a temporary key: requests must then carry it as `X-Security-Token`. */
  readonly securityToken?: string;
}

const TOKEN = 11;
const PASSWORD = 12;
const ACCESS_KEY = 13;

const UPPER_ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZ0123456789';
const ALNUM = 'ABCDEFGHIJKLMNOPQRSTUVWXYZabcdefghijklmnopqrstuvwxyz0123456789';
const BASE64URL = `${ALNUM}-_`;

function seededString(random: () => number, alphabet: string, length: number): string {
  let out = '';
  for (let i = 0; i < length; i += 1) out += alphabet[Math.floor(random() * alphabet.length)] ?? 'A';
  return out;
}

/** Same seed, same static token, so `simulate --seed N` prints a token that stays valid across restarts. */
export function defaultToken(seed: number): string {
  return `MIIsim${seededString(randomFor(seed, TOKEN), BASE64URL, 90)}`;
}

export function defaultUsers(seed: number): SimulatorUser[] {
  return [{ user: 'demo-admin', password: `Sim-${seededString(randomFor(seed, PASSWORD), ALNUM, 16)}`, domain: 'demo-account' }];
}

/** Shaped like real keys: a 20-character upper-case AK and a 40-character SK. */
export function defaultAccessKeys(seed: number): SimulatorAccessKey[] {
  const random = randomFor(seed, ACCESS_KEY);
  return [{ ak: `SIMAK${seededString(random, UPPER_ALNUM, 15)}`, sk: seededString(random, ALNUM, 40) }];
}

export type TokenCheck = { readonly ok: true; readonly projectId: string } | { readonly ok: false; readonly reason: string };

interface IssuedToken {
  readonly projectId: string;
  readonly expiresAt: number;
  revoked: boolean;
}

export class TokenRegistry {
  private readonly issued = new Map<string, IssuedToken>();

  constructor(
    private readonly staticToken: string,
    private readonly projectId: string,
    private readonly now: () => number,
    private readonly staticTokenExpiresAt: number | undefined,
  ) {}

  issue(ttlMs: number): { readonly token: string; readonly issuedAt: number; readonly expiresAt: number } {
    // Issued tokens are random, not seeded: a token must not be guessable from a seed printed in a demo.
    const token = `MIIiam${randomBytes(96).toString('base64url')}`;
    const issuedAt = this.now();
    const expiresAt = issuedAt + ttlMs;
    this.issued.set(token, { projectId: this.projectId, expiresAt, revoked: false });
    return { token, issuedAt, expiresAt };
  }

  /** Like a password change: every token issued so far stops working; the static token is not affected. */
  revokeIssued(): void {
    for (const token of this.issued.values()) token.revoked = true;
  }

  check(token: string): TokenCheck {
    if (token === this.staticToken) {
      if (this.staticTokenExpiresAt !== undefined && this.now() >= this.staticTokenExpiresAt) {
        return { ok: false, reason: `token expires, expires_at: ${isoWithMicroseconds(this.staticTokenExpiresAt)}` };
      }
      return { ok: true, projectId: this.projectId };
    }
    const issued = this.issued.get(token);
    // A revoked token no longer validates at IAM; the gateway reports that as it reports garbage.
    if (issued === undefined || issued.revoked) return { ok: false, reason: 'decrypt token fail' };
    if (this.now() >= issued.expiresAt) return { ok: false, reason: `token expires, expires_at: ${isoWithMicroseconds(issued.expiresAt)}` };
    return { ok: true, projectId: issued.projectId };
  }
}

export const AK_LOCK_AFTER_FAILURES = 5;
export const AK_LOCK_MS = 5 * 60 * 1000;

interface AccessKeyState {
  consecutiveFailures: number;
  lockedUntil: number;
}

/** The gateway locks an AK for 5 minutes after 5 consecutive bad signatures; a good one resets the count. */
export class AccessKeyLocks {
  private readonly states = new Map<string, AccessKeyState>();

  constructor(private readonly now: () => number) {}

  isLocked(accessKey: string): boolean {
    const state = this.states.get(accessKey);
    if (state === undefined || this.now() >= state.lockedUntil) return false;
    return true;
  }

  recordFailure(accessKey: string): void {
    const state = this.stateOf(accessKey);
    state.consecutiveFailures += 1;
    if (state.consecutiveFailures >= AK_LOCK_AFTER_FAILURES) {
      state.lockedUntil = this.now() + AK_LOCK_MS;
      state.consecutiveFailures = 0;
    }
  }

  recordSuccess(accessKey: string): void {
    this.stateOf(accessKey).consecutiveFailures = 0;
  }

  private stateOf(accessKey: string): AccessKeyState {
    let state = this.states.get(accessKey);
    if (state === undefined) {
      state = { consecutiveFailures: 0, lockedUntil: 0 };
      this.states.set(accessKey, state);
    }
    return state;
  }
}
