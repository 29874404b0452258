import { Stack, Tabs, Title } from '@mantine/core';
import { IconChartBar, IconPhoneCall, IconUserOff, IconUsers } from '@tabler/icons-react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.js';
import { FollowupPage } from './FollowupPage.js';
import { IndicatorsPage } from './IndicatorsPage.js';
import { OverduePage } from './OverduePage.js';
import { PatientsPage } from './PatientsPage.js';

/** Sub-pages of "Bệnh mạn tính", by path under /benh-man-tinh. */
const TABS = [
  { key: 'overdue', path: '', label: 'ncdui.nav.overdue', icon: <IconPhoneCall size={16} /> },
  { key: 'lost', path: 'mat-dau', label: 'ncdui.nav.lost', icon: <IconUserOff size={16} /> },
  { key: 'patients', path: 'dang-quan-ly', label: 'ncdui.nav.patients', icon: <IconUsers size={16} /> },
  { key: 'indicators', path: 'chi-so', label: 'ncdui.nav.indicators', icon: <IconChartBar size={16} /> },
] as const;

/** /benh-man-tinh/*: the overdue and lost lists and the indicators as tabs; the follow-up form on its own screen. */
export function NcdSection() {
  return (
    <Routes>
      <Route path="tai-kham/:personId/:enrollmentId" element={<FollowupPage />} />
      <Route path="*" element={<NcdTabs />} />
    </Routes>
  );
}

function NcdTabs() {
  const { t } = useI18n();
  const navigate = useNavigate();
  const sub = useLocation().pathname.replace(/^\/benh-man-tinh\/?/, '').split('/')[0] ?? '';
  const tab = TABS.find((x) => x.path === sub) ?? TABS[0];
  return (
    <Stack>
      <Title order={2}>{t('nav.chronic')}</Title>
      <Tabs
        value={tab.key}
        onChange={(v) => {
          const path = TABS.find((x) => x.key === v)?.path ?? '';
          void navigate(path ? `/benh-man-tinh/${path}` : '/benh-man-tinh');
        }}
        keepMounted={false}
      >
        <Tabs.List>
          {TABS.map((x) => (
            <Tabs.Tab key={x.key} value={x.key} leftSection={x.icon} data-testid={`ncd-nav-${x.key}`}>
              {t(x.label)}
            </Tabs.Tab>
          ))}
        </Tabs.List>
        <Tabs.Panel value="overdue" pt="md">
          <OverduePage list="overdue" />
        </Tabs.Panel>
        <Tabs.Panel value="lost" pt="md">
          <OverduePage list="lost" />
        </Tabs.Panel>
        <Tabs.Panel value="patients" pt="md">
          <PatientsPage />
        </Tabs.Panel>
        <Tabs.Panel value="indicators" pt="md">
          <IndicatorsPage />
        </Tabs.Panel>
      </Tabs>
    </Stack>
  );
}
