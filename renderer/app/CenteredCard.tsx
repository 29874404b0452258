import { Box, Group, Paper, Stack, Text, Title } from '@mantine/core';
import type { ReactNode } from 'react';
import { useI18n } from '../i18n/I18nProvider.js';
import { LanguageSwitch } from './LanguageSwitch.js';

/** Frame of the screens shown before the app (setup, sign-in, lock). */
export function CenteredCard({ title, width = 440, children }: { title: string; width?: number; children: ReactNode }) {
  const { t } = useI18n();
  return (
    <Box mih="100vh" bg="gray.0" py={48} px="md">
      <Stack maw={width} mx="auto" gap="md">
        <Group justify="space-between">
          <div>
            <Text fw={700} c="teal.8" size="lg">
              {t('app.name')}
            </Text>
            <Text size="xs" c="dimmed">
              {t('app.tagline')}
            </Text>
          </div>
          <LanguageSwitch />
        </Group>
        <Paper withBorder shadow="sm" p="xl" radius="md">
          <Title order={2} size="h3" mb="md">
            {title}
          </Title>
          {children}
        </Paper>
      </Stack>
    </Box>
  );
}
