// The role form: one person, one workspace role.
import type { View } from '@slack/types';
import { ROLE_LABELS, ROLES, type WorkspaceRole } from '../../../services/roles.ts';
import { CALLBACK } from '../../ids.ts';
import { modal, staticSelect, userSelect } from '../inputs.ts';

const ROLE_HINT =
  'Admins manage Okra; leaders read everything and get digests; members update what they own.';

export function roleSetModal(initial: { user?: string; role?: WorkspaceRole } = {}): View {
  return modal({
    callbackId: CALLBACK.roleSet,
    title: 'Set a role',
    blocks: [
      userSelect('user', { label: 'Person', ...(initial.user ? { initial: initial.user } : {}) }),
      staticSelect('role', {
        label: 'Role',
        hint: ROLE_HINT,
        choices: ROLES.map((role) => ({ value: role, label: ROLE_LABELS[role] })),
        ...(initial.role ? { initial: initial.role } : {}),
      }),
    ],
  });
}
