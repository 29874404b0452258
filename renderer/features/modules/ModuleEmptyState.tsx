import { Center, Paper, Stack, Text, ThemeIcon, Title } from '@mantine/core';
import { IconTools } from '@tabler/icons-react';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';

/** Honest empty state for a module whose feature has not landed yet. */
export function ModuleEmptyState({ title, body }: { title: MessageKey; body: MessageKey }) {
  const { t } = useI18n();
  return (
    <Stack>
      <Title order={2}>{t(title)}</Title>
      <NotBuiltYet body={body} />
    </Stack>
  );
}

/** The empty-state panel alone (also used inside tabs, e.g. on the person page). */
export function NotBuiltYet({ body }: { body: MessageKey }) {
  const { t } = useI18n();
  return (
      <Paper withBorder p="xl" radius="md" data-testid="module-empty">
        <Center>
          <Stack align="center" gap="xs" maw={520}>
            <ThemeIcon size={48} radius="xl" variant="light" color="gray">
              <IconTools />
            </ThemeIcon>
            <Text fw={600}>{t('empty.title')}</Text>
            <Text c="dimmed" ta="center">
              {t(body)}
            </Text>
          </Stack>
        </Center>
      </Paper>
  );
}
