import { AppShell, Avatar, Badge, Group, Menu, NavLink, ScrollArea, Text, UnstyledButton } from '@mantine/core';
import { IconChevronDown, IconKey, IconLanguage, IconLock, IconLogout } from '@tabler/icons-react';
import { useQueryClient } from '@tanstack/react-query';
import { useState, type ReactElement } from 'react';
import { Link, Route, Routes, useLocation } from 'react-router';
import type { SessionInfo } from '../../shared/contract/auth.js';
import type { Facility } from '../../shared/contract/setup.js';
import { api } from '../api/client.js';
import { AuditPage } from '../features/audit/AuditPage.js';
import { ChangePasswordModal } from '../features/auth/ChangePasswordModal.js';
import { CataloguePage } from '../features/catalog/CataloguePage.js';
import { HomePage } from '../features/home/HomePage.js';
import { HouseholdPage } from '../features/households/HouseholdPage.js';
import { HouseholdsPage } from '../features/households/HouseholdsPage.js';
import { GlobalSearch } from '../features/persons/GlobalSearch.js';
import { MergesPage } from '../features/persons/MergesPage.js';
import { NcdSection } from '../features/ncd/NcdSection.js';
import { ImmunizationSection } from '../features/immunization/ImmunizationSection.js';
import { PersonPage } from '../features/persons/PersonPage.js';
import { ReferralsPage } from '../features/referrals/ReferralsPage.js';
import { VisitPage } from '../features/visits/VisitPage.js';
import { VisitRegisterPage } from '../features/visits/RegisterPage.js';
import { VisitsPage } from '../features/visits/VisitsPage.js';
import { ReportsPage } from '../features/reports/ReportsPage.js';
import { SettingsPage } from '../features/settings/SettingsPage.js';
import { SyncPage } from '../features/sync/SyncPage.js';
import { UsersPage } from '../features/users/UsersPage.js';
import { ProgramsAdminPage } from '../features/ncd-admin/ProgramsAdminPage.js';
import { useI18n } from '../i18n/I18nProvider.js';
import { Forbidden } from './Forbidden.js';
import { NAV_ITEMS, canSee } from './navigation.js';
import { useIdleLock } from './useIdleLock.js';

export function AppFrame({ session, facility }: { session: SessionInfo; facility: Facility }) {
  const { t, locale, setLocale } = useI18n();
  const queryClient = useQueryClient();
  const location = useLocation();
  const [passwordOpen, setPasswordOpen] = useState(false);
  const role = session.user.role;
  // The most specific menu entry for the current page (Danh mục is under Cài đặt).
  const activePath = NAV_ITEMS.map((i) => i.path)
    .filter((p) => (p === '/' ? location.pathname === '/' : location.pathname === p || location.pathname.startsWith(`${p}/`)))
    .sort((a, b) => b.length - a.length)[0];
  useIdleLock(session.idleLockMinutes);

  const lock = async () => {
    await api.call('auth.lock', {}).catch(() => undefined);
    await queryClient.invalidateQueries({ queryKey: ['auth.session'] });
  };
  const logout = async () => {
    await api.call('auth.logout', {}).catch(() => undefined);
    // Drop the signed-out user's cached data; keep the two queries App observes (clear() would orphan them).
    queryClient.setQueryData(['auth.session', {}], { session: null });
    queryClient.removeQueries({ predicate: (q) => q.queryKey[0] !== 'auth.session' && q.queryKey[0] !== 'setup.status' });
  };
  const switchLanguage = async () => {
    const next = locale === 'vi' ? 'en' : 'vi';
    setLocale(next);
    await api.call('auth.setLocale', { locale: next }).catch(() => undefined);
  };
  const adminOnly = (element: ReactElement) => (role === 'admin' ? element : <Forbidden />);

  return (
    <AppShell header={{ height: 56 }} navbar={{ width: 230, breakpoint: 'sm' }} padding="md">
      <AppShell.Header px="md">
        <Group h="100%" justify="space-between">
          <Group gap="xs">
            <Text fw={700} c="teal.8">
              {t('app.name')}
            </Text>
            <Text c="dimmed" size="sm" data-testid="facility-name">
              · {facility.name}
            </Text>
          </Group>
          <GlobalSearch />
          <Menu position="bottom-end" withinPortal>
            <Menu.Target>
              <UnstyledButton data-testid="user-menu" aria-label={session.user.fullName}>
                <Group gap={8}>
                  <Avatar size="sm" color="teal" radius="xl">
                    {session.user.fullName.split(' ').pop()?.[0] ?? '?'}
                  </Avatar>
                  <div>
                    <Text size="sm" fw={500}>
                      {session.user.fullName}
                    </Text>
                    <Text size="xs" c="dimmed">
                      {t(`role.${role}`)}
                    </Text>
                  </div>
                  <IconChevronDown size={14} />
                </Group>
              </UnstyledButton>
            </Menu.Target>
            <Menu.Dropdown>
              <Menu.Item leftSection={<IconLanguage size={16} />} onClick={switchLanguage} data-testid="menu-language">
                {locale === 'vi' ? 'English' : 'Tiếng Việt'}
              </Menu.Item>
              <Menu.Item leftSection={<IconKey size={16} />} onClick={() => setPasswordOpen(true)}>
                {t('auth.changePassword')}
              </Menu.Item>
              <Menu.Item leftSection={<IconLock size={16} />} onClick={lock} data-testid="menu-lock">
                {t('auth.lock')}
              </Menu.Item>
              <Menu.Divider />
              <Menu.Item leftSection={<IconLogout size={16} />} color="red" onClick={logout} data-testid="menu-logout">
                {t('auth.logout')}
              </Menu.Item>
            </Menu.Dropdown>
          </Menu>
        </Group>
      </AppShell.Header>
      <AppShell.Navbar p="xs">
        <AppShell.Section grow component={ScrollArea}>
          <nav aria-label="Menu">
            {NAV_ITEMS.filter((item) => canSee(item, role)).map((item) => (
              <NavLink
                key={item.path}
                component={Link}
                to={item.path}
                label={t(item.label)}
                leftSection={item.icon}
                active={item.path === activePath}
              />
            ))}
          </nav>
        </AppShell.Section>
        <AppShell.Section>
          <Badge variant="light" color="gray" fullWidth>
            {facility.code} · {facility.communeName}
          </Badge>
        </AppShell.Section>
      </AppShell.Navbar>
      <AppShell.Main>
        <Routes>
          <Route path="/" element={<HomePage session={session} facility={facility} />} />
          <Route path="/ho-gia-dinh" element={<HouseholdsPage />} />
          <Route path="/ho-gia-dinh/:id" element={<HouseholdPage />} />
          <Route path="/nguoi/:id" element={<PersonPage />} />
          <Route path="/gop-ho-so" element={['admin', 'physician', 'supervisor'].includes(role) ? <MergesPage /> : <Forbidden />} />
          <Route path="/kham-benh" element={<VisitsPage />} />
          <Route path="/kham-benh/luot/:id" element={<VisitPage />} />
          <Route path="/kham-benh/so-kham-benh" element={<VisitRegisterPage />} />
          <Route path="/cai-dat/danh-muc" element={<CataloguePage />} />
          <Route path="/cai-dat/chuong-trinh-man-tinh" element={adminOnly(<ProgramsAdminPage />)} />
          <Route path="/benh-man-tinh/*" element={<NcdSection />} />
          <Route path="/tiem-chung/*" element={<ImmunizationSection />} />
          <Route path="/chuyen-tuyen" element={<ReferralsPage />} />
          <Route path="/bao-cao" element={<ReportsPage />} />
          <Route path="/dong-bo" element={<SyncPage session={session} />} />
          <Route path="/cai-dat" element={<SettingsPage session={session} facility={facility} />} />
          <Route path="/nguoi-dung" element={adminOnly(<UsersPage currentUserId={session.user.id} />)} />
          <Route path="/nhat-ky" element={adminOnly(<AuditPage />)} />
          <Route path="*" element={<HomePage session={session} facility={facility} />} />
        </Routes>
      </AppShell.Main>
      <ChangePasswordModal opened={passwordOpen} onClose={() => setPasswordOpen(false)} />
    </AppShell>
  );
}
