import {
  IconActivityHeartbeat, IconArrowsExchange, IconChartBar, IconFileSymlink, IconHome, IconListDetails,
  IconBooks, IconGitMerge, IconHeartbeat, IconSettings, IconStethoscope, IconUsers, IconUsersGroup, IconVaccine,
} from '@tabler/icons-react';
import type { ReactNode } from 'react';
import type { MessageKey } from '../../shared/i18n/index.js';
import type { Role } from '../../shared/roles.js';

export interface NavItem {
  path: string;
  label: MessageKey;
  icon: ReactNode;
  /** Roles that see the item; omitted = everyone. The backend enforces the same roles on each procedure. */
  roles?: readonly Role[];
}

export const NAV_ITEMS: NavItem[] = [
  { path: '/', label: 'nav.home', icon: <IconHome size={18} /> },
  { path: '/ho-gia-dinh', label: 'nav.households', icon: <IconUsersGroup size={18} /> },
  { path: '/kham-benh', label: 'nav.visits', icon: <IconStethoscope size={18} /> },
  { path: '/benh-man-tinh', label: 'nav.chronic', icon: <IconActivityHeartbeat size={18} /> },
  { path: '/tiem-chung', label: 'nav.immunization', icon: <IconVaccine size={18} /> },
  { path: '/chuyen-tuyen', label: 'nav.referrals', icon: <IconFileSymlink size={18} /> },
  { path: '/bao-cao', label: 'nav.reports', icon: <IconChartBar size={18} /> },
  { path: '/dong-bo', label: 'nav.sync', icon: <IconArrowsExchange size={18} /> },
  { path: '/cai-dat', label: 'nav.settings', icon: <IconSettings size={18} /> },
  { path: '/cai-dat/danh-muc', label: 'nav.catalog', icon: <IconBooks size={18} /> },
  { path: '/cai-dat/chuong-trinh-man-tinh', label: 'nav.ncdPrograms', icon: <IconHeartbeat size={18} />, roles: ['admin'] },
  { path: '/nguoi-dung', label: 'nav.users', icon: <IconUsers size={18} />, roles: ['admin'] },
  { path: '/gop-ho-so', label: 'merges.title', icon: <IconGitMerge size={18} />, roles: ['admin', 'physician', 'supervisor'] },
  { path: '/nhat-ky', label: 'nav.audit', icon: <IconListDetails size={18} />, roles: ['admin'] },
];

export function canSee(item: { roles?: readonly Role[] }, role: Role): boolean {
  return !item.roles || item.roles.includes(role);
}
