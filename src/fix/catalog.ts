// Every fix `doctor --fix` offers, in the order they are offered (a file's syntax first: the others
// need it to parse). Adding one: a file in src/fix/kinds/, a line here, its test.
import type { FixKind } from './types.js';
import { kind as removeBom } from './kinds/remove-bom.js';
import { kind as trailingComma } from './kinds/trailing-comma.js';
import { kind as moveEntry } from './kinds/move-entry.js';
import { kind as urlToBridge } from './kinds/url-to-bridge.js';
import { kind as addType } from './kinds/add-type.js';
import { kind as entryForm } from './kinds/entry-form.js';
import { kind as windowsCmd } from './kinds/windows-cmd.js';
import { kind as headerToEnv } from './kinds/header-to-env.js';
import { kind as bridgeAddY } from './kinds/bridge-add-y.js';
import { kind as bridgePin } from './kinds/bridge-pin.js';
import { kind as bridgeEnableProxy } from './kinds/bridge-enable-proxy.js';
import { kind as envPath } from './kinds/env-path.js';
import { kind as chmod600 } from './kinds/chmod-600.js';

export const FIX_KINDS: readonly FixKind[] = [removeBom, trailingComma, moveEntry, urlToBridge, addType, entryForm, windowsCmd, headerToEnv, bridgeAddY, bridgePin, bridgeEnableProxy, envPath, chmod600];
