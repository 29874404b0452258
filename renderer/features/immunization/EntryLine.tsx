import { Anchor, Badge, Group, Paper, Stack, Text } from '@mantine/core';
import { Link } from 'react-router';
import type { BoardEntry } from '../../../shared/contract/immunization.js';
import { formatDateVi } from '../../../shared/dates.js';
import type { MessageKey } from '../../../shared/i18n/index.js';
import { useI18n } from '../../i18n/I18nProvider.js';
import { formatAge, sexLabel } from '../persons/format.js';

/** Who is being screened or vaccinated: name, age on the session day, family, and what is due today. */
export function EntryLine({ entry, date }: { entry: BoardEntry; date: string }) {
  const { t } = useI18n();
  const p = entry.person;
  return (
    <Paper withBorder p="xs" data-testid="imm-entry-line">
      <Stack gap={2}>
        <Group gap={6}>
          <Anchor component={Link} to={`/nguoi/${p.id}`} fw={700} target="_blank">
            {p.fullName}
          </Anchor>
          {entry.walkIn && (
            <Badge size="xs" variant="outline">
              {t('immui.board.walkIn')}
            </Badge>
          )}
          {entry.group !== 'child' && (
            <Badge size="xs" variant="outline" color="grape">
              {t(`imm.group.${entry.group}` as MessageKey)}
            </Badge>
          )}
        </Group>
        <Text size="xs" c="dimmed">
          {[formatDateVi(p.birthDate), formatAge(p.birthDate, t, date), sexLabel(p.sex, t), p.hamletName, p.motherName && `${t('immui.family.mother')}: ${p.motherName}`, p.phones[0]].filter(Boolean).join(' · ')}
        </Text>
        <Group gap={4}>
          <Text size="xs">{t('immui.board.dueToday')}:</Text>
          {entry.dueToday.length === 0 && (
            <Text size="xs" c="dimmed">
              {t('immui.board.nothingDue')}
            </Text>
          )}
          {entry.dueToday.map((d) => (
            <Badge
              key={`${d.seriesKey}-${d.doseNumber}`}
              size="sm"
              tt="none"
              variant={d.excluded ? 'outline' : 'light'}
              color={d.excluded ? 'gray' : d.state === 'overdue' ? 'red' : d.state === 'due' ? 'blue' : 'cyan'}
              style={d.excluded ? { textDecoration: 'line-through' } : undefined}
            >
              {d.label}
            </Badge>
          ))}
        </Group>
      </Stack>
    </Paper>
  );
}
