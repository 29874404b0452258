import { Card, Group, SimpleGrid, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { Link } from 'react-router';
import type { SessionInfo } from '../../../shared/contract/auth.js';
import type { Facility } from '../../../shared/contract/setup.js';
import { formatDateVi } from '../../../shared/dates.js';
import { NAV_ITEMS, canSee } from '../../app/navigation.js';
import { useI18n } from '../../i18n/I18nProvider.js';

export function HomePage({ session, facility }: { session: SessionInfo; facility: Facility }) {
  const { t } = useI18n();
  const today = new Date();
  const iso = `${today.getFullYear()}-${String(today.getMonth() + 1).padStart(2, '0')}-${String(today.getDate()).padStart(2, '0')}`;
  return (
    <Stack>
      <div>
        <Title order={2} data-testid="home-title">
          {t('home.welcome', { name: session.user.fullName })}
        </Title>
        <Text c="dimmed">
          {facility.name} · {facility.communeName}, {facility.provinceName} · {t('home.today')} {formatDateVi(iso)}
        </Text>
      </div>
      <Title order={4}>{t('home.modules')}</Title>
      <SimpleGrid cols={{ base: 2, md: 4 }}>
        {NAV_ITEMS.filter((i) => i.path !== '/' && canSee(i, session.user.role)).map((item) => (
          <Card key={item.path} component={Link} to={item.path} withBorder padding="md" radius="md">
            <Group>
              <ThemeIcon variant="light" size="lg">
                {item.icon}
              </ThemeIcon>
              <Text fw={500}>{t(item.label)}</Text>
            </Group>
          </Card>
        ))}
      </SimpleGrid>
    </Stack>
  );
}
