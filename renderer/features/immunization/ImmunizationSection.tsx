import { Stack, Tabs, Title } from '@mantine/core';
import { IconBook2, IconCalendarEvent, IconChartBar, IconFridge } from '@tabler/icons-react';
import { Route, Routes, useLocation, useNavigate } from 'react-router';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IMM_PATHS } from './paths.js';
import { RegistersPage } from './RegistersPage.js';
import { ReportsPage } from './ReportsPage.js';
import { SessionDayPage } from './SessionDayPage.js';
import { SessionPlanPage } from './SessionPlanPage.js';
import { SessionsPage } from './SessionsPage.js';
import { SessionSummaryPage } from './SessionSummaryPage.js';
import { StockPage } from './StockPage.js';


function currentTab(pathname: string): string {
  if (pathname.startsWith(IMM_PATHS.registers)) return IMM_PATHS.registers;
  if (pathname.startsWith(IMM_PATHS.stock)) return IMM_PATHS.stock;
  if (pathname.startsWith(IMM_PATHS.reports)) return IMM_PATHS.reports;
  return IMM_PATHS.sessions;
}

/** /tiem-chung: Buổi tiêm · Sổ tiêm chủng · Kho vắc xin · Báo cáo, and the pages of one session. */
export function ImmunizationSection() {
  const { t } = useI18n();
  const location = useLocation();
  const navigate = useNavigate();
  return (
    <Stack gap="sm">
      <Title order={2}>{t('nav.immunization')}</Title>
      <Tabs value={currentTab(location.pathname)} onChange={(v) => v && void navigate(v)} keepMounted={false}>
        <Tabs.List aria-label={t('nav.immunization')}>
          <Tabs.Tab value={IMM_PATHS.sessions} leftSection={<IconCalendarEvent size={16} />} data-testid="imm-tab-sessions">
            {t('immui.nav.sessions')}
          </Tabs.Tab>
          <Tabs.Tab value={IMM_PATHS.registers} leftSection={<IconBook2 size={16} />} data-testid="imm-tab-registers">
            {t('immui.nav.registers')}
          </Tabs.Tab>
          <Tabs.Tab value={IMM_PATHS.stock} leftSection={<IconFridge size={16} />} data-testid="imm-tab-stock">
            {t('immui.nav.stock')}
          </Tabs.Tab>
          <Tabs.Tab value={IMM_PATHS.reports} leftSection={<IconChartBar size={16} />} data-testid="imm-tab-reports">
            {t('immui.nav.reports')}
          </Tabs.Tab>
        </Tabs.List>
      </Tabs>
      <Routes>
        <Route index element={<SessionsPage />} />
        <Route path="so-tiem-chung" element={<RegistersPage />} />
        <Route path="kho-vac-xin" element={<StockPage />} />
        <Route path="bao-cao" element={<ReportsPage />} />
        <Route path="buoi-tiem/:id" element={<SessionPlanPage />} />
        <Route path="buoi-tiem/:id/ngay-tiem" element={<SessionDayPage />} />
        <Route path="buoi-tiem/:id/tong-ket" element={<SessionSummaryPage />} />
        <Route path="*" element={<SessionsPage />} />
      </Routes>
    </Stack>
  );
}
