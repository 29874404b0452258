import { Anchor, Paper, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconActivityHeartbeat, IconArrowsTransferUp, IconBook, IconPhoneCall, IconUserOff, IconVaccine, IconBox, IconChartLine, IconUsers } from '@tabler/icons-react';
import type { ReactNode } from 'react';
import { Link } from 'react-router';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { IMM_PATHS } from '../immunization/paths.js';

interface ReportLink {
  key: string;
  title: MessageKey;
  body: MessageKey;
  to: string;
  icon: ReactNode;
}

/** Each area's registers and reports, where they are built (the screens of the areas themselves). */
const SECTIONS: readonly { title: MessageKey; reports: readonly ReportLink[] }[] = [
  {
    title: 'nav.visits',
    reports: [{ key: 'visit-register', title: 'reports.visitRegister', body: 'reports.visitRegister.body', to: '/kham-benh/so-kham-benh', icon: <IconBook size={20} /> }],
  },
  {
    title: 'nav.chronic',
    reports: [
      { key: 'ncd-indicators', title: 'reports.ncdIndicators', body: 'reports.ncdIndicators.body', to: '/benh-man-tinh/chi-so', icon: <IconActivityHeartbeat size={20} /> },
      { key: 'ncd-patients', title: 'reports.ncdPatients', body: 'reports.ncdPatients.body', to: '/benh-man-tinh/dang-quan-ly', icon: <IconUsers size={20} /> },
      { key: 'ncd-overdue', title: 'reports.ncdOverdue', body: 'reports.ncdOverdue.body', to: '/benh-man-tinh', icon: <IconPhoneCall size={20} /> },
      { key: 'ncd-lost', title: 'reports.ncdLost', body: 'reports.ncdLost.body', to: '/benh-man-tinh/mat-dau', icon: <IconUserOff size={20} /> },
    ],
  },
  {
    title: 'nav.immunization',
    reports: [
      { key: 'imm-register', title: 'reports.immRegister', body: 'reports.immRegister.body', to: IMM_PATHS.registers, icon: <IconVaccine size={20} /> },
      { key: 'imm-coverage', title: 'reports.immCoverage', body: 'reports.immCoverage.body', to: IMM_PATHS.reports, icon: <IconChartLine size={20} /> },
      { key: 'imm-stock', title: 'reports.immStock', body: 'reports.immStock.body', to: IMM_PATHS.stock, icon: <IconBox size={20} /> },
    ],
  },
  {
    title: 'nav.referrals',
    reports: [{ key: 'referrals', title: 'reports.referrals', body: 'reports.referrals.body', to: '/chuyen-tuyen', icon: <IconArrowsTransferUp size={20} /> }],
  },
];

/** /bao-cao: the index of the station's registers and reports. */
export function ReportsPage() {
  const { t } = useI18n();
  return (
    <Stack data-testid="reports-index">
      <Title order={2}>{t('nav.reports')}</Title>
      <Text c="dimmed">{t('reports.intro')}</Text>
      {SECTIONS.map((section) => (
        <Stack key={section.title} gap="xs">
          <Title order={4}>{t(section.title)}</Title>
          <SimpleGrid cols={{ base: 1, sm: 2, lg: 3 }}>
            {section.reports.map((r) => (
              <Paper key={r.key} withBorder p="md" radius="md" data-testid={`report-${r.key}`}>
                <Stack gap={6}>
                  <Anchor component={Link} to={r.to} fw={600} style={{ display: 'flex', gap: 8, alignItems: 'center' }}>
                    <ThemeIcon variant="light" color="teal" size={32} radius="md">
                      {r.icon}
                    </ThemeIcon>
                    {t(r.title)}
                  </Anchor>
                  <Text size="sm" c="dimmed">
                    {t(r.body)}
                  </Text>
                </Stack>
              </Paper>
            ))}
          </SimpleGrid>
        </Stack>
      ))}
    </Stack>
  );
}
